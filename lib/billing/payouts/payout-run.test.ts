import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { partnerBalances, payouts, payoutStatements } from "@/db/schema";
import { createPartner } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { runToCompletion } from "../billing-runs";
import type { Period } from "../period";
import { installDaysIn } from "./payout-calculation";
import type { PayoutProvider } from "./payout-provider";
import { createPayoutRunKind, payoutRunKind } from "./payout-run";
import { payoutFailed } from "./payout-transitions";
import { freeListing, insertPayout, installAt, paidListing, payoutRunRow, revenueSharePlan, setBalance } from "./test-fixtures";
import { writePayoutStatements } from "./write-payout-statements";

const db = useTestDb();

// Payout runs against the database: the SQL install-days agree with the contract to the cent,
// the threshold carries forward, failed payouts come back, and runs are idempotent.

const now = new Date("2030-01-01T00:00:00Z");

/** A whole run for the period (one partner's, so tests in this file do not see each other's partners). */
async function runPayouts(period: Period, partnerId: string) {
  const run = await payoutRunRow(db(), period, partnerId);
  const done = await runToCompletion(db(), run.id);
  expect(done?.status, done?.error ?? "").toBe("succeeded");
  return done!;
}

const statementOf = async (partnerId: string, period: Period) =>
  (await db().select().from(payoutStatements).where(and(eq(payoutStatements.partnerId, partnerId), eq(payoutStatements.period, period))))[0];
const payoutsOf = (partnerId: string) => db().select().from(payouts).where(eq(payouts.partnerId, partnerId)).orderBy(payouts.period);
const balanceOf = async (partnerId: string) =>
  (await db().select().from(partnerBalances).where(eq(partnerBalances.partnerId, partnerId)))[0]?.balanceCents ?? null;

describe("gross from paid installs, to the cent", () => {
  it("counts install days from the install day (counted) to the uninstall day (not), per listing, rounded once per listing", async () => {
    const a = await paidListing(db(), { monthlyPriceCents: 999, name: "Alpha Claims" });
    const partnerId = a.partnerId;
    const b = await paidListing(db(), { partnerId, monthlyPriceCents: 3100, name: "Beta Quotes" });
    const free = await freeListing(db(), { partnerId, name: "Gamma Free" });
    await revenueSharePlan(db(), partnerId, 1550);

    // January 2025: 31 days.
    const installsA: Array<[string | null, string | null]> = [
      ["2025-01-10T15:00:00Z", null], // 10th–31st: 22
      ["2024-12-20T08:00:00Z", "2025-01-05T10:00:00Z"], // 1st–4th: 4
      ["2025-01-31T23:59:59.999Z", null], // the last day: 1
      [null, null], // pending: 0
      ["2025-02-01T00:00:00Z", null], // after the period: 0
      ["2024-11-01T00:00:00Z", "2024-12-31T23:59:00Z"], // before the period: 0
      ["2025-01-15T08:00:00Z", "2025-01-15T20:00:00Z"], // in and out the same day: 0
    ];
    const installsB: Array<[string | null, string | null]> = [
      ["2024-06-01T00:00:00Z", null], // the whole month: 31
      ["2025-01-15T00:00:00Z", "2025-01-16T00:00:00Z"], // one day
    ];
    for (const [c, u] of installsA) await installAt(db(), a, c, u);
    for (const [c, u] of installsB) await installAt(db(), b, c, u);
    await installAt(db(), { ...free, partnerId }, "2024-06-01T00:00:00Z");

    // The pure rule agrees with the numbers written above.
    const days = (list: Array<[string | null, string | null]>) =>
      list.reduce((s, [c, u]) => s + installDaysIn("2025-01", c ? new Date(c) : null, u ? new Date(u) : null), 0);
    expect([days(installsA), days(installsB)]).toEqual([27, 32]);

    const run = await runPayouts("2025-01", partnerId);
    // A: 999 × 27 / 31 = 870.10 → 870; B: 3100 × 32 / 31 = 3200; gross 4070; share 15.5% = 630.85 → 631; net 3439.
    const s = await statementOf(partnerId, "2025-01");
    expect(s).toMatchObject({ grossCents: 4070, revenueShareBps: 1550, platformShareCents: 631, carriedInCents: 0, netCents: 3439, carriedOutCents: 0, currency: "USD", runId: run.id });
    expect(s.lines).toEqual([
      { listingId: a.listing.id, listingName: "Alpha Claims", monthlyPriceCents: 999, installs: 3, installDays: 27, daysInPeriod: 31, grossCents: 870 },
      { listingId: b.listing.id, listingName: "Beta Quotes", monthlyPriceCents: 3100, installs: 2, installDays: 32, daysInPeriod: 31, grossCents: 3200 },
    ]);
    const [p] = await payoutsOf(partnerId);
    expect(p).toMatchObject({ id: s.payoutId, period: "2025-01", status: "processing", grossCents: 4070, platformShareCents: 631, carriedForwardCents: 0, amountCents: 3439, provider: "manual", runId: run.id });
    expect(await balanceOf(partnerId)).toBe(0);
    expect(run).toMatchObject({ totalPartners: 1, processedPartners: 1, createdCount: 1, amountCents: 3439 });
  });

  it.each([
    ["2025-02", "February (28 days)", 2800, "2025-02-19T12:00:00Z"],
    ["2024-02", "February of a leap year (29 days)", 2900, "2024-02-20T12:00:00Z"],
    ["2025-04", "a 30-day month", 3000, "2025-04-21T12:00:00Z"],
    ["2025-03", "a 31-day month", 3100, "2025-03-22T12:00:00Z"],
  ])("%s, %s: the last ten days of a month at the month's length in dollars are exactly 1000¢", async (period, _label, price, connected) => {
    const l = await paidListing(db(), { monthlyPriceCents: price });
    await installAt(db(), l, connected);
    await installAt(db(), l, connected, `${period}-${String(Number(connected.slice(8, 10)) + 1).padStart(2, "0")}T00:00:00Z`); // one more day
    await runPayouts(period, l.partnerId);
    const s = await statementOf(l.partnerId, period);
    // (10 + 1) days × price ÷ days in month = 1100¢: below the minimum, carried forward.
    expect(s).toMatchObject({ grossCents: 1100, platformShareCents: 0, netCents: 1100, carriedOutCents: 1100, payoutId: null });
    expect(s.lines).toMatchObject([{ installs: 2, installDays: 11 }]);
    expect(await payoutsOf(l.partnerId)).toEqual([]);
    expect(await balanceOf(l.partnerId)).toBe(1100);
  });
});

describe("carry-forward below the minimum", () => {
  it("month 1 below the minimum: a statement and a balance; month 2 with the balance: a payout carrying it", async () => {
    const l = await paidListing(db(), { monthlyPriceCents: 2000 });
    await revenueSharePlan(db(), l.partnerId, 2000);
    await installAt(db(), l, "2025-05-17T09:00:00Z");

    await runPayouts("2025-05", l.partnerId);
    // 2000 × 15 / 31 = 967.74 → 968; share 20% = 193.6 → 194; net 774 < 2500.
    expect(await statementOf(l.partnerId, "2025-05")).toMatchObject({ grossCents: 968, platformShareCents: 194, carriedInCents: 0, netCents: 774, carriedOutCents: 774, payoutId: null });
    expect(await payoutsOf(l.partnerId)).toEqual([]);
    expect(await balanceOf(l.partnerId)).toBe(774);

    await installAt(db(), l, "2025-06-01T00:00:00Z");
    await runPayouts("2025-06", l.partnerId);
    // Two installs all June: 2000 × 60 / 30 = 4000; share 800; net 3200 + 774 = 3974.
    const s = await statementOf(l.partnerId, "2025-06");
    expect(s).toMatchObject({ grossCents: 4000, platformShareCents: 800, carriedInCents: 774, netCents: 3974, carriedOutCents: 0 });
    const [p] = await payoutsOf(l.partnerId);
    expect(p).toMatchObject({ id: s.payoutId, period: "2025-06", grossCents: 4000, platformShareCents: 800, carriedForwardCents: 774, amountCents: 3974, status: "processing" });
    expect(await balanceOf(l.partnerId)).toBe(0);
  });
});

describe("a failed payout", () => {
  it("returns its amount to the balance, and the next period pays it even without new sales", async () => {
    const l = await paidListing(db(), { monthlyPriceCents: 5000 });
    await installAt(db(), l, "2025-06-20T00:00:00Z", "2025-08-01T00:00:00Z");
    await runPayouts("2025-07", l.partnerId);
    const [july] = await payoutsOf(l.partnerId);
    expect(july).toMatchObject({ amountCents: 5000, status: "processing" });

    const failed = await payoutFailed(db(), july.id, { reason: "Account closed" }, now);
    expect(failed).toMatchObject({ status: "failed", failureReason: "Account closed", failedAt: now });
    expect(await balanceOf(l.partnerId)).toBe(5000);

    // August: uninstalled on the 1st, so no new gross; the balance alone puts the partner in the run.
    await runPayouts("2025-08", l.partnerId);
    expect(await statementOf(l.partnerId, "2025-08")).toMatchObject({ grossCents: 0, carriedInCents: 5000, netCents: 5000, carriedOutCents: 0, lines: [] });
    const all = await payoutsOf(l.partnerId);
    expect(all.map((p) => [p.period, p.status, p.amountCents, p.carriedForwardCents])).toEqual([
      ["2025-07", "failed", 5000, 0],
      ["2025-08", "processing", 5000, 5000],
    ]);
    expect(await balanceOf(l.partnerId)).toBe(0);
  });
});

describe("which partners a run covers", () => {
  it("paid installs in the period and positive balances; not free listings, pending installs or installs outside the period", async () => {
    const period = "2026-03";
    const earning = await paidListing(db(), { monthlyPriceCents: 100 });
    await installAt(db(), earning, "2026-03-31T10:00:00Z");
    const freeOnly = await freeListing(db());
    await installAt(db(), { ...freeOnly, partnerId: freeOnly.partnerId }, "2026-01-01T00:00:00Z");
    const pendingOnly = await paidListing(db(), { monthlyPriceCents: 100 });
    await installAt(db(), pendingOnly, null);
    const outside = await paidListing(db(), { monthlyPriceCents: 100 });
    await installAt(db(), outside, "2026-01-01T00:00:00Z", "2026-03-01T12:00:00Z");
    await installAt(db(), outside, "2026-04-01T00:00:00Z");
    const holding = await createPartner(db());
    await setBalance(db(), holding.id, 1);
    const emptied = await createPartner(db());
    await setBalance(db(), emptied.id, 0);

    const run = await payoutRunRow(db(), period);
    const pending = await payoutRunKind.pending(db(), run, 10_000);
    expect(pending).toContain(earning.partnerId);
    expect(pending).toContain(holding.id);
    for (const id of [freeOnly.partnerId, pendingOnly.partnerId, outside.partnerId, emptied.id]) expect(pending).not.toContain(id);
    expect([...pending].sort()).toEqual(pending);
    expect(await payoutRunKind.count(db(), run)).toBe(pending.length);

    // One partner's run covers that partner only.
    const one = await payoutRunRow(db(), period, holding.id);
    expect(await payoutRunKind.pending(db(), one, 10)).toEqual([holding.id]);
    expect(await payoutRunKind.count(db(), one)).toBe(1);
    await payoutRunKind.process(db(), one, [holding.id], now);
    // Done: no longer pending, and the 1¢ stays carried.
    expect(await payoutRunKind.pending(db(), one, 10)).toEqual([]);
    expect(await payoutRunKind.count(db(), one)).toBe(0);
    expect(await statementOf(holding.id, period)).toMatchObject({ grossCents: 0, carriedInCents: 1, netCents: 1, carriedOutCents: 1 });
  });
});

describe("idempotency", () => {
  async function partnersWithSales(n: number, period: Period) {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const l = await paidListing(db(), { monthlyPriceCents: 1000 + i * 1000 });
      await installAt(db(), l, `${period}-01T00:00:00Z`);
      ids.push(l.partnerId);
    }
    // One with a balance, whose carried-in amount must be counted once.
    await setBalance(db(), ids[0], 1700);
    return ids.sort();
  }

  const totals = async (ids: string[], period: Period) => ({
    statements: (await db().select().from(payoutStatements).where(and(inArray(payoutStatements.partnerId, ids), eq(payoutStatements.period, period)))).length,
    payouts: (await db().select().from(payouts).where(and(inArray(payouts.partnerId, ids), eq(payouts.period, period)))).map((p) => [p.partnerId, p.amountCents]).sort(),
    balances: (await db().select().from(partnerBalances).where(inArray(partnerBalances.partnerId, ids))).map((b) => [b.partnerId, b.balanceCents]).sort(),
  });

  it("processing the same batch twice creates nothing the second time", async () => {
    const period = "2026-05";
    const ids = await partnersWithSales(3, period);
    const run = await payoutRunRow(db(), period);
    const first = await payoutRunKind.process(db(), run, ids, now);
    // 1000 + 1700 carried = 2700 paid; 2000 → carried; 3000 paid.
    expect(first).toEqual({ created: 3, amountCents: 5700, done: 3 });
    const after = await totals(ids, period);
    expect(after.statements).toBe(3);
    expect(after.payouts).toHaveLength(2);

    const second = await payoutRunKind.process(db(), run, ids, now);
    expect(second).toEqual({ created: 0, amountCents: 0, done: 3 });
    expect(await totals(ids, period)).toEqual(after);

    // A whole new run of the period for one of them finds nothing to do.
    const again = await runPayouts(period, ids[1]);
    expect(again).toMatchObject({ totalPartners: 0, createdCount: 0, amountCents: 0 });
    expect(await totals(ids, period)).toEqual(after);
  });

  it("two runners processing the same partners at once write one statement each, and count the balance once", async () => {
    const period = "2026-06";
    const ids = await partnersWithSales(4, period);
    // Balance rows that exist already (inserting a new one would make the second runner wait anyway): the row lock must.
    for (const id of ids) if ((await balanceOf(id)) === null) await setBalance(db(), id, 0);
    const [r1, r2] = [await payoutRunRow(db(), period), await payoutRunRow(db(), period)];
    const [a, b] = await Promise.all([payoutRunKind.process(db(), r1, ids, now), payoutRunKind.process(db(), r2, ids, now)]);
    expect(a.created + b.created).toBe(4);
    expect(a.amountCents + b.amountCents).toBe(2700 + 3000 + 4000);
    const t = await totals(ids, period);
    expect(t.statements).toBe(4);
    expect(t.payouts.map(([, amount]) => amount).sort()).toEqual([2700, 3000, 4000]);
    expect(t.balances.map(([, balance]) => balance).sort()).toEqual([0, 0, 0, 2000]);
  });
});

describe("the payout provider", () => {
  it("takes each new payout's status from what the provider answers; one that throws leaves it pending", async () => {
    const period = "2026-08";
    const listings = [];
    for (const price of [3100, 6200, 9300]) {
      const l = await paidListing(db(), { monthlyPriceCents: price });
      await installAt(db(), l, "2026-08-01T00:00:00Z");
      listings.push(l);
    }
    const bank: PayoutProvider = {
      name: "bank",
      submit: vi.fn(async (p) => {
        if (p.amountCents === 3100) return { status: "paid" as const, reference: "TX-3100" };
        if (p.amountCents === 6200) return { status: "failed" as const, failureReason: "IBAN rejected" };
        throw new Error("bank is down");
      }),
    };
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const kind = createPayoutRunKind(bank);
    const ids = listings.map((l) => l.partnerId).sort();
    const run = await payoutRunRow(db(), period);
    await kind.process(db(), run, ids, now);
    expect(errors).toHaveBeenCalledWith(expect.stringContaining("bank is down"));
    errors.mockRestore();
    expect(bank.submit).toHaveBeenCalledTimes(3);

    const [paid] = await payoutsOf(listings[0].partnerId);
    expect(paid).toMatchObject({ status: "paid", reference: "TX-3100", paidAt: now, provider: "bank" });
    const [failed] = await payoutsOf(listings[1].partnerId);
    expect(failed).toMatchObject({ status: "failed", failureReason: "IBAN rejected", provider: "bank" });
    expect(await balanceOf(listings[1].partnerId)).toBe(6200);
    const [stuck] = await payoutsOf(listings[2].partnerId);
    expect(stuck).toMatchObject({ status: "pending", amountCents: 9300 });
    // Once the run's cursor is past it, a payout the provider refused does not hold the run open;
    // the run's next batch offers it again.
    expect(await kind.pending(db(), run, 10_000)).toContain(stuck.partnerId);
    expect(await kind.pending(db(), { ...run, cursor: ids[ids.length - 1] }, 10_000)).not.toContain(stuck.partnerId);
  });
});

describe("a batch that crashed after writing its payouts, before submitting them", () => {
  async function crashedBatch(period: Period, prices: number[], runPartnerId?: string) {
    const ids: string[] = [];
    for (const price of prices) {
      const l = await paidListing(db(), { partnerId: runPartnerId, monthlyPriceCents: price });
      await installAt(db(), l, `${period}-01T00:00:00Z`);
      ids.push(l.partnerId);
    }
    const run = await payoutRunRow(db(), period, runPartnerId);
    // What a batch commits before it hands the payouts to the provider; then the process dies.
    await writePayoutStatements(db(), { period, partnerIds: ids, runId: run.id, now, provider: "manual", minimumCents: 2500 });
    const left = await db().select().from(payouts).where(eq(payouts.runId, run.id));
    expect(left.map((p) => p.status)).toEqual(prices.map(() => "pending"));
    return { run, ids: ids.sort(), left };
  }

  it("the repeated batch submits every payout of the run still pending, not only the ones it writes", async () => {
    const { run, ids, left } = await crashedBatch("2026-09", [4100, 5200]);
    // Another run's pending payout is not this run's to submit.
    const elsewhere = await insertPayout(db(), (await createPartner(db())).id, { period: "2026-09", status: "pending" });

    const again = await payoutRunKind.process(db(), run, ids, now);
    expect(again).toEqual({ created: 0, amountCents: 0, done: 2 });
    const after = await db().select().from(payouts).where(eq(payouts.runId, run.id));
    expect(after.map((p) => [p.id, p.status, p.amountCents]).sort()).toEqual(left.map((p) => [p.id, "processing", p.amountCents]).sort());
    expect((await db().select().from(payouts).where(eq(payouts.id, elsewhere.id)))[0].status).toBe("pending");
  });

  it("even when it was the run's last batch: the resumed run hands it out again and finishes with the payout submitted", async () => {
    const partner = await createPartner(db());
    const { run, left } = await crashedBatch("2026-10", [7300], partner.id);
    expect(await payoutRunKind.pending(db(), run, 10)).toEqual([partner.id]);

    const done = await runToCompletion(db(), run.id);
    expect(done).toMatchObject({ status: "succeeded", processedPartners: 1, createdCount: 0 });
    const [p] = await payoutsOf(partner.id);
    expect(p).toMatchObject({ id: left[0].id, status: "processing", amountCents: 7300, runId: run.id });
    expect(await db().$count(payoutStatements, eq(payoutStatements.partnerId, partner.id))).toBe(1);
  });
});
