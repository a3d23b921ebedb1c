import { and, eq, lt, or, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db";
import { billingRuns, partners } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { config } from "@/lib/config";
import { describeError, isUuid } from "@/lib/db/errors";
import { Invalid, NotFound } from "@/lib/errors";
import { Reply } from "@/lib/http/reply";
import { afterCursor, cursorOrder, toPage } from "@/lib/pagination/cursor";
import { invoiceRunKind } from "./invoice-run-kind";
import { payoutRunKind } from "./payouts/payout-run";
import type { Period } from "./period";
import type { BillingRun } from "./schemas";
import type { BillingRunRow, RunKindHandler } from "./run-kind";

export type RunKind = "invoices" | "payouts";
const kinds: Record<RunKind, RunKindHandler> = { invoices: invoiceRunKind, payouts: payoutRunKind };

/** A run not heard from for this long is taken for dead and may be resumed by anyone. */
export const RUN_LEASE_MS = 120_000;
const BATCH = 500;

export function toBillingRun(r: BillingRunRow): BillingRun {
  return {
    id: r.id,
    kind: r.kind,
    period: r.period,
    partnerId: r.partnerId,
    status: r.status,
    trigger: r.trigger,
    totalPartners: r.totalPartners,
    processedPartners: r.processedPartners,
    createdCount: r.createdCount,
    amountCents: r.amountCents,
    attempts: r.attempts,
    error: r.error,
    startedAt: r.startedAt?.toISOString() ?? null,
    finishedAt: r.finishedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function createRun(
  db: Db,
  input: { kind: RunKind; period: Period; partnerId?: string | null; trigger?: "manual" | "schedule"; requestedBy?: string | null },
): Promise<BillingRunRow> {
  const [row] = await db
    .insert(billingRuns)
    .values({ kind: input.kind, period: input.period, partnerId: input.partnerId ?? null, trigger: input.trigger ?? "manual", requestedBy: input.requestedBy ?? null })
    .returning();
  return row;
}

/**
 * An admin's run (202): the row is written first, so the run is visible and
 * durable before any work starts; then Inngest (when configured) or this
 * process works through it. A crash leaves the row for the resume sweep.
 */
export async function requestRun(db: Db, principal: Principal, input: { kind: RunKind; period: Period; partnerId?: string }) {
  if (input.partnerId) {
    const n = await db.$count(partners, eq(partners.id, input.partnerId));
    if (!n) throw new Invalid("Unknown partner", [{ path: "partnerId", message: "no partner has this id" }]);
  }
  const row = await createRun(db, { ...input, requestedBy: principal.type === "session" ? principal.userId : null });
  await startRun(row.id);
  return Reply.accepted({ runId: row.id, run: toBillingRun(row) });
}

/** Hands a written run to whichever runner this deployment has. */
async function startRun(runId: string) {
  if (config().jobs === "inngest") {
    const { inngest } = await import("@/inngest/client");
    const { BILLING_RUN_REQUESTED } = await import("@/inngest/events");
    await inngest.send({ name: BILLING_RUN_REQUESTED, data: { runId } });
    return;
  }
  void (async () => {
    try {
      await runToCompletion(await getDb(), runId);
    } catch (err) {
      console.error(`billing run ${runId}: ${describeError(err, { frames: false })}`);
    }
  })();
}

/** A run claimed this many times without finishing is given up (a partner that always fails, say): failed, for an admin to look at. */
export const MAX_RUN_ATTEMPTS = 5;

/**
 * Takes the run if it is new or its holder's lease lapsed; null when someone
 * else has it, it is over, or it was tried too often. The returned row's
 * `attempts` is this holder's token: every batch checks it, so a holder whose
 * lease was taken over stops at its next batch instead of working beside the
 * new one.
 */
export async function claimRun(db: Db, runId: string, now = new Date()): Promise<BillingRunRow | null> {
  const [row] = await db
    .update(billingRuns)
    .set({
      status: "running",
      leaseUntil: new Date(now.getTime() + RUN_LEASE_MS),
      attempts: sql`${billingRuns.attempts} + 1`,
      startedAt: sql`coalesce(${billingRuns.startedAt}, ${now.toISOString()}::timestamptz)`,
      updatedAt: now,
    })
    .where(
      and(
        eq(billingRuns.id, runId),
        lt(billingRuns.attempts, MAX_RUN_ATTEMPTS),
        or(eq(billingRuns.status, "pending"), and(eq(billingRuns.status, "running"), lt(billingRuns.leaseUntil, now))),
      ),
    )
    .returning();
  if (!row) return null;
  try {
    if (row.totalPartners === null) {
      const total = await kinds[row.kind].count(db, row);
      await db.update(billingRuns).set({ totalPartners: total }).where(eq(billingRuns.id, runId));
      row.totalPartners = total;
    }
  } catch (err) {
    await failRun(db, runId, err);
    return null;
  }
  return row;
}

/**
 * What a holder carries from batch to batch: its token and, for a holder that drives the whole
 * run in one process, a memo where the run's kind keeps what it computes once (the period's usage).
 */
export type RunHolder = { attempt: number; memo?: Map<string, unknown> };

/**
 * One batch of the run: the next partners after its cursor, their documents,
 * and the progress (which extends the lease). `done` once no partner is left,
 * or when this holder lost the run (`lost`). A batch repeated after a crash
 * finds its partners' documents and creates nothing twice.
 */
export async function runBatch(
  db: Db,
  runId: string,
  holder: RunHolder,
  opts: { batchSize?: number; now?: Date } = {},
): Promise<{ done: boolean; lost?: boolean }> {
  const now = opts.now ?? new Date();
  const [run] = await db.select().from(billingRuns).where(eq(billingRuns.id, runId));
  if (!run || run.status !== "running") return { done: true };
  if (run.attempts !== holder.attempt) return { done: true, lost: true };
  const mine = and(eq(billingRuns.id, runId), eq(billingRuns.attempts, holder.attempt));
  const handler = kinds[run.kind];
  const ids = await handler.pending(db, run, opts.batchSize ?? BATCH);
  if (!ids.length) {
    await db.update(billingRuns).set({ status: "succeeded", finishedAt: new Date(), leaseUntil: null, updatedAt: new Date() }).where(mine);
    return { done: true };
  }
  const r = await handler.process(db, run, ids, now, holder.memo);
  const updated = await db
    .update(billingRuns)
    .set({
      processedPartners: sql`${billingRuns.processedPartners} + ${r.done}`,
      createdCount: sql`${billingRuns.createdCount} + ${r.created}`,
      amountCents: sql`${billingRuns.amountCents} + ${r.amountCents}`,
      cursor: ids[ids.length - 1],
      leaseUntil: new Date(Date.now() + RUN_LEASE_MS),
      updatedAt: new Date(),
    })
    .where(mine)
    .returning({ id: billingRuns.id });
  return updated.length ? { done: false } : { done: true, lost: true };
}

/** Marks a run failed with the error (its documents so far stay; running its period again carries on after them). */
export async function failRun(db: Db, runId: string, err: unknown) {
  await db
    .update(billingRuns)
    .set({ status: "failed", error: describeError(err, { frames: false }).slice(0, 2000), leaseUntil: null, finishedAt: new Date(), updatedAt: new Date() })
    .where(eq(billingRuns.id, runId));
}

const runRow = async (db: Db, runId: string) => (await db.select().from(billingRuns).where(eq(billingRuns.id, runId)))[0] ?? null;

type DriveOptions = { batchSize?: number; signal?: AbortSignal; /** The documents' issue time (the seed backdates its month ends). */ now?: Date };

/** Drives a run this process has claimed to its end (or until the signal aborts, or the run is taken over). */
async function drive(db: Db, claimed: BillingRunRow, opts: DriveOptions) {
  const holder: RunHolder = { attempt: claimed.attempts, memo: new Map() };
  try {
    for (;;) {
      if (opts.signal?.aborted) break;
      const { done } = await runBatch(db, claimed.id, holder, { batchSize: opts.batchSize, now: opts.now });
      if (done) break;
    }
  } catch (err) {
    await failRun(db, claimed.id, err);
  }
}

/** Claims and drives a run to its end in this process (the embedded runner, the scheduled job, tests, the bench); the run as it then is. */
export async function runToCompletion(db: Db, runId: string, opts: DriveOptions = {}): Promise<BillingRunRow | null> {
  const claimed = await claimRun(db, runId);
  if (claimed) await drive(db, claimed, opts);
  return runRow(db, runId);
}

/** Waits until a run another holder is working on ends (or the signal aborts); resumes it if that holder dies. */
export async function waitForRun(db: Db, runId: string, opts: { signal?: AbortSignal; pollMs?: number } = {}): Promise<BillingRunRow | null> {
  for (;;) {
    const row = await runToCompletion(db, runId, { signal: opts.signal });
    if (!row || row.status === "succeeded" || row.status === "failed" || opts.signal?.aborted) return row;
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 1000));
  }
}

/**
 * Runs left pending or whose holder went quiet (a crash): resumed here, each
 * on its own (one failing run does not hold up the others). The embedded
 * scheduler calls it every minute. A run tried MAX_RUN_ATTEMPTS times is
 * marked failed instead.
 */
export async function resumeStaleRuns(db: Db, now = new Date()) {
  const stale = await db
    .select({ id: billingRuns.id, attempts: billingRuns.attempts })
    .from(billingRuns)
    .where(
      or(
        and(eq(billingRuns.status, "pending"), lt(billingRuns.createdAt, new Date(now.getTime() - 30_000))),
        and(eq(billingRuns.status, "running"), lt(billingRuns.leaseUntil, now)),
      ),
    )
    .limit(10);
  let resumed = 0;
  let gaveUp = 0;
  for (const { id, attempts } of stale) {
    try {
      if (attempts >= MAX_RUN_ATTEMPTS) {
        await failRun(db, id, new Error(`gave up after ${attempts} attempts: each runner stopped before the run ended`));
        gaveUp++;
        continue;
      }
      const claimed = await claimRun(db, id);
      if (!claimed) continue; // taken by another instance meanwhile
      await drive(db, claimed, {});
      resumed++;
    } catch (err) {
      console.error(`billing run ${id}: ${describeError(err, { frames: false })}`);
    }
  }
  return { resumed, gaveUp };
}

export async function getRun(db: Db, id: string) {
  if (!isUuid(id)) throw new NotFound("Billing run");
  const [row] = await db.select().from(billingRuns).where(eq(billingRuns.id, id));
  if (!row) throw new NotFound("Billing run");
  return toBillingRun(row);
}

export async function listRuns(db: Db, q: { limit: number; cursor?: string; kind?: RunKind }) {
  const rows = await db
    .select()
    .from(billingRuns)
    .where(and(q.kind ? eq(billingRuns.kind, q.kind) : undefined, afterCursor(billingRuns.createdAt, billingRuns.id, q.cursor)))
    .orderBy(...cursorOrder(billingRuns.createdAt, billingRuns.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toBillingRun);
}
