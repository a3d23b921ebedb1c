import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invoices, partners, pricingPlans } from "@/db/schema";
import { seed } from "@/db/seed";
import { useTestDb } from "@/lib/testing/test-db";
import { addMonths, periodOf } from "./period";

const db = useTestDb({ demo: true });

describe("demo billing data", () => {
  it("puts Acme on hybrid with the last two months invoiced, the older one paid; a second seed changes nothing", async () => {
    const [acme] = await db().select().from(partners).where(eq(partners.slug, "acme"));
    const plans = await db().select().from(pricingPlans).where(eq(pricingPlans.partnerId, acme.id));
    expect(plans.map((p) => p.model)).toEqual(["hybrid"]);
    const now = periodOf(new Date());
    const [older] = await db().select().from(invoices).where(and(eq(invoices.partnerId, acme.id), eq(invoices.period, addMonths(now, -2))));
    const [newer] = await db().select().from(invoices).where(and(eq(invoices.partnerId, acme.id), eq(invoices.period, addMonths(now, -1))));
    expect(older.status).toBe("paid");
    expect(newer.status).toBe("open");
    expect(newer.totalCents).toBeGreaterThan(49_900); // the fee and calls beyond the 100,000 included
    const before = await db().$count(invoices);
    await seed(db(), { demo: true });
    expect(await db().$count(invoices)).toBe(before);
    expect(await db().$count(pricingPlans, eq(pricingPlans.partnerId, acme.id))).toBe(1);
  });
});
