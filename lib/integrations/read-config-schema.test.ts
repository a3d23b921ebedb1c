import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { applications, applicationVersions, listings } from "@/db/schema";
import { NotFound } from "@/lib/errors";
import { principalForUser } from "@/lib/http/session-principal";
import { addAccountMember, addPartnerMember, createAccountWithMember, createPartnerWithMember } from "@/lib/testing/fixtures";
import { createInstallableApp, defaultConfigSchema, installIntegration } from "@/lib/testing/integration-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { readInstalledApps, readIntegrationSetup } from "./read-config-schema";

const db = useTestDb();

async function as(userId: string) {
  const p = await principalForUser(db(), userId);
  if (!p) throw new Error("no principal");
  return p;
}

describe("readIntegrationSetup", () => {
  it("gives the account's members and the app's partner the live version's settings schema and the app's facts", async () => {
    const i = await installIntegration(db(), { name: "Setup Reader" });
    await db().update(listings).set({ logoUrl: "https://cdn.example.com/setup.png" }).where(eq(listings.id, i.listing.id));
    const member = await addAccountMember(db(), i.account.id, "member");
    for (const [userId, side] of [
      [i.owner.id, "account"],
      [member.id, "account"],
      [i.partnerUser.id, "partner"],
    ] as const) {
      expect(await readIntegrationSetup(db(), await as(userId), i.integration.id, side)).toEqual({
        id: i.integration.id,
        applicationId: i.app.id,
        appName: "Setup Reader",
        logoUrl: "https://cdn.example.com/setup.png",
        partnerName: i.partner.name,
        listingSlug: i.listing.slug,
        accountName: i.account.name,
        configSchema: defaultConfigSchema,
      });
    }
  });

  it("is not found for another account, another partner, the wrong side, or an id that is not one", async () => {
    const i = await installIntegration(db());
    const otherAccount = await createAccountWithMember(db());
    const otherPartner = await createPartnerWithMember(db());
    const id = i.integration.id;
    await expect(readIntegrationSetup(db(), await as(otherAccount.user.id), id, "account")).rejects.toBeInstanceOf(NotFound);
    await expect(readIntegrationSetup(db(), await as(otherPartner.user.id), id, "partner")).rejects.toBeInstanceOf(NotFound);
    // The partner is not a member of the account, and the account's owner is no partner.
    await expect(readIntegrationSetup(db(), await as(i.partnerUser.id), id, "account")).rejects.toBeInstanceOf(NotFound);
    await expect(readIntegrationSetup(db(), await as(i.owner.id), id, "partner")).rejects.toBeInstanceOf(NotFound);
    await expect(readIntegrationSetup(db(), await as(i.owner.id), "not-a-uuid", "account")).rejects.toBeInstanceOf(NotFound);
  });

  it("keeps the live version's schema while a new version is in the works, and has none without a live version", async () => {
    const i = await installIntegration(db());
    const [draft] = await db()
      .insert(applicationVersions)
      .values({ applicationId: i.app.id, version: "2.0.0", status: "draft", requestedScopes: [], configSchema: { type: "object", properties: { other: { type: "string" } } } })
      .returning();
    await db().update(applications).set({ currentVersionId: draft.id }).where(eq(applications.id, i.app.id));
    const owner = await as(i.owner.id);
    expect((await readIntegrationSetup(db(), owner, i.integration.id, "account")).configSchema).toEqual(defaultConfigSchema);
    await db().update(applications).set({ liveVersionId: null }).where(eq(applications.id, i.app.id));
    expect((await readIntegrationSetup(db(), owner, i.integration.id, "account")).configSchema).toBeNull();
  });
});

describe("readInstalledApps", () => {
  it("lists the apps installed in the caller's accounts, or of the caller's partner, and nothing of others'", async () => {
    const app = await createInstallableApp(db(), { name: "Listed Twice" });
    const first = await installIntegration(db(), { app });
    await installIntegration(db(), { app });
    const other = await installIntegration(db(), { name: "Someone Else's" });
    const mine = await readInstalledApps(db(), await as(first.owner.id), "account");
    expect(mine).toEqual([{ applicationId: app.app.id, name: "Listed Twice", logoUrl: null, partnerName: app.partner.name }]);
    const partnerSide = await readInstalledApps(db(), await as((await addPartnerMember(db(), app.partner.id, "developer")).id), "partner");
    expect(partnerSide.map((a) => a.applicationId)).toEqual([app.app.id]);
    expect((await readInstalledApps(db(), await as(other.owner.id), "account")).map((a) => a.name)).toEqual(["Someone Else's"]);
    expect(await readInstalledApps(db(), await as(first.owner.id), "partner")).toEqual([]);
  });
});
