import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { billingRuns, invoices } from "@/db/schema";
import { ensureMonthEndRun } from "@/lib/billing/month-end";
import { scheduledJobs } from "@/lib/jobs/schedules";
import { addUsage, setPlan } from "@/lib/testing/billing-fixtures";
import { createPartnerWithMember } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { BILLING_MONTHLY_CRON, billingMonthly } from "./billing-monthly";

const db = useTestDb();

const fire = (ts: number, steps?: { id: string; handler: () => unknown }[]) =>
  new InngestTestEngine({ function: billingMonthly, events: [{ name: "inngest/scheduled.timer", data: { cron: BILLING_MONTHLY_CRON }, ts }], steps }).execute();

async function partners(n: number) {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const { partner } = await createPartnerWithMember(db());
    await setPlan(db(), partner.id, { model: "flat_fee", flatFeeCents: 1000 + i, effectiveFrom: "2026-01-01" });
    await addUsage(db(), partner.id, "2026-03-10", 10);
    out.push(partner.id);
  }
  return out;
}

const issued = (period: string) => db().select().from(invoices).where(eq(invoices.period, period));

describe("billing-monthly (Inngest)", () => {
  it("has the month-end cron of the scheduled job it stands for", () => {
    expect(billingMonthly.id()).toBe("billing-monthly");
    expect(scheduledJobs.find((j) => j.id === "billing-monthly")?.cron).toBe(BILLING_MONTHLY_CRON);
  });

  it("issues the closed month's invoices, a step per batch, and a second firing creates nothing", async () => {
    const ids = await partners(3);
    const { result, error } = await fire(Date.UTC(2026, 3, 1, 0, 0, 0, 80));
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ period: "2026-03" });
    const list = await issued("2026-03");
    expect(list.filter((i) => ids.includes(i.partnerId)).map((i) => i.totalCents).sort()).toEqual([1000, 1001, 1002]);
    const [run] = await db().select().from(billingRuns).where(and(eq(billingRuns.period, "2026-03"), eq(billingRuns.kind, "invoices")));
    expect(run).toMatchObject({ status: "succeeded", trigger: "schedule", createdCount: list.length });
    const again = await fire(Date.UTC(2026, 3, 1, 0, 0, 0, 900));
    expect(again.error).toBeUndefined();
    expect(await issued("2026-03")).toHaveLength(list.length);
  });

  it("a step that fails is retried by a later execution, which resumes without duplicates or gaps", async () => {
    await partners(2);
    const runId = await ensureMonthEndRun(db(), "invoices", "2026-04");
    // The first batch's step dies (the worker crashed mid-step): the function errors.
    const crashed = await fire(Date.UTC(2026, 4, 1, 0, 0, 1), [
      {
        id: `batch-${runId}-0`,
        handler: () => {
          throw new Error("worker killed");
        },
      },
    ]);
    expect(crashed.error).toBeDefined();
    const [held] = await db().select().from(billingRuns).where(eq(billingRuns.id, runId));
    expect(held).toMatchObject({ status: "running", attempts: 1 });
    // Inngest retries the function with the steps that completed memoized: the claim's token among them.
    const resumed = await fire(Date.UTC(2026, 4, 1, 0, 0, 2), [{ id: `claim-${runId}`, handler: () => held.attempts }]);
    expect(resumed.error).toBeUndefined();
    const list = await issued("2026-04");
    expect(new Set(list.map((i) => i.partnerId)).size).toBe(list.length);
    const seqs = list.map((i) => Number(i.number.slice(-6))).sort((a, b) => a - b);
    expect(seqs.at(-1)! - seqs[0] + 1).toBe(seqs.length);
  });
});
