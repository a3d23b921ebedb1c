import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { applications, applicationVersions, integrations } from "@/db/schema";
import { seal } from "@/lib/crypto/secret-box";
import { addAccountMember, addPartnerMember, createAccountWithMember, createPartnerWithMember } from "@/lib/testing/fixtures";
import { generateWebhookSecret } from "@/lib/webhooks/transport/sign";

// Test fixtures for health checks: an installed integration whose app's live
// version points its health check at a local server, and that server.

type Status = (typeof integrations.$inferSelect)["status"];

export type HealthFixture = Awaited<ReturnType<typeof installedIntegration>>;

/**
 * A partner (owner + developer) whose published app has `healthCheckUrl` on its live version, and
 * an account (owner + member) where it is installed with `status`. `id` fixes the integration's id
 * (its health-check phase comes from it).
 */
export async function installedIntegration(
  db: Db,
  opts: { healthCheckUrl: string | null; status?: Status; uninstalled?: boolean; id?: string; nextAt?: Date | null; noLiveVersion?: boolean },
) {
  const { partner, user: partnerOwner } = await createPartnerWithMember(db);
  const partnerDeveloper = await addPartnerMember(db, partner.id, "developer");
  const secret = generateWebhookSecret();
  const slug = `health-app-${Math.random().toString(36).slice(2, 10)}`;
  const [app] = await db
    .insert(applications)
    .values({ partnerId: partner.id, name: `Health App ${slug.slice(-4)}`, slug, status: "published", publishedAt: new Date(), signingSecretCiphertext: seal(secret) })
    .returning();
  const [version] = await db
    .insert(applicationVersions)
    .values({ applicationId: app.id, version: "1.0.0", status: "published", healthCheckUrl: opts.healthCheckUrl, publishedAt: new Date() })
    .returning();
  await db
    .update(applications)
    .set({ currentVersionId: version.id, liveVersionId: opts.noLiveVersion ? null : version.id })
    .where(eq(applications.id, app.id));
  const { account, user: accountOwner } = await createAccountWithMember(db);
  const accountMember = await addAccountMember(db, account.id, "member");
  const accountAdmin = await addAccountMember(db, account.id, "admin");
  const [integration] = await db
    .insert(integrations)
    .values({
      ...(opts.id ? { id: opts.id } : {}),
      accountId: account.id,
      applicationId: app.id,
      partnerId: partner.id,
      installedBy: accountOwner.id,
      status: opts.status ?? "active",
      connectedAt: new Date(),
      uninstalledAt: opts.uninstalled ? new Date() : null,
      healthCheckNextAt: opts.nextAt ?? null,
    })
    .returning();
  return { partner, partnerOwner, partnerDeveloper, app, version, secret, account, accountOwner, accountMember, accountAdmin, integration };
}

export type SeenRequest = { method: string; path: string; headers: http.IncomingHttpHeaders; at: number };

/**
 * A health endpoint on 127.0.0.1 that answers by path: `/ok…` 200, `/fail…` 503, `/hang…` never,
 * `/slow…` 200 after 150 ms, `/redirect…` 302, and `/flip…` whatever `flip.ok` says. Records every
 * request, and the most requests it had in flight at once.
 */
export async function startHealthServer() {
  const seen: SeenRequest[] = [];
  const flip = { ok: true };
  let inFlight = 0;
  const stats = { maxInFlight: 0 };
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? "/";
    seen.push({ method: req.method ?? "", path, headers: req.headers, at: Date.now() });
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    res.on("close", () => inFlight--);
    if (path.startsWith("/hang")) return void hanging.add(res);
    if (path.startsWith("/slow")) return void setTimeout(() => res.writeHead(200).end("ok"), 150);
    if (path.startsWith("/redirect")) return void res.writeHead(302, { location: "/ok" }).end();
    const ok = path.startsWith("/ok") || (path.startsWith("/flip") && flip.ok);
    res.writeHead(ok ? 200 : 503).end(ok ? "ok" : "down");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    seen,
    flip,
    stats,
    to: (prefix: string) => seen.filter((s) => s.path.startsWith(prefix)),
    close: () =>
      new Promise<void>((r) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
