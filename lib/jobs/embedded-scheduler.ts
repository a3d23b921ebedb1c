import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "@/db";
import { describeError } from "@/lib/db/errors";
import { failStaleRuns, claimSlot, runClaimedSlot, type SlotOutcome } from "./run-scheduled-slot";
import { DEFAULT_CATCH_UP_MS, latestSlot, type ScheduledJob } from "./scheduled-job";
import { scheduledJobs } from "./schedules";

// The cron loop of the embedded mode (no Inngest), started beside the embedded
// runner in every instance. Each tick, for every job, it takes the latest slot
// at or before now and tries to claim it (run-scheduled-slot.ts): the instance
// whose insert wins runs it, the others do nothing, so any number of instances
// run each slot once.
//
// Catch-up: only the latest slot is ever a candidate. After downtime the most
// recent missed slot runs once (if it is within the job's catchUpWithinMs and
// newer than the job's last run row); the slots missed before it are skipped,
// not run one by one: a health check or a retention sweep for 10:03 says
// nothing that the one for 10:07 does not, and a job that must account for
// every period (billing) works out which periods are due from its own rows.

export type SchedulerOptions = {
  jobs?: ScheduledJob[];
  /** How often it looks for due slots. A slot starts at most this late. */
  tickMs?: number;
  now?: () => Date;
  /** Its name on the run rows; default host:pid:random. */
  runnerId?: string;
};

export const DEFAULT_TICK_MS = 10_000;

export class EmbeddedScheduler {
  readonly runnerId: string;
  private readonly jobs: ScheduledJob[];
  private readonly tickMs: number;
  private readonly now: () => Date;
  private stopped = true;
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<unknown> | null = null;
  private inFlight = new Set<Promise<SlotOutcome | null>>();
  private abort = new AbortController();
  /** Per job, the newest slot this instance already tried: no insert every tick for a slot already taken. */
  private tried = new Map<string, number>();

  constructor(
    private readonly getDb: () => Promise<Db>,
    opts: SchedulerOptions = {},
  ) {
    this.jobs = opts.jobs ?? scheduledJobs;
    this.tickMs = opts.tickMs ?? DEFAULT_TICK_MS;
    this.now = opts.now ?? (() => new Date());
    this.runnerId = opts.runnerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.abort = new AbortController();
    this.schedule(0);
  }

  private schedule(ms: number) {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.stopped) return;
      // Runs go on in the background; the next tick is not held up by a long one.
      this.ticking = this.startDue()
        .catch((err) => console.error(`scheduler: tick failed: ${describeError(err, { frames: false })}`))
        .finally(() => {
          this.ticking = null;
          if (!this.stopped) this.schedule(this.tickMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** Stops ticking, asks running jobs to wrap up, and waits for them to record their outcome. */
  async stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.abort.abort();
    await this.ticking;
    await Promise.allSettled([...this.inFlight]);
  }

  /** One pass at `now`: claims what is due and waits for those runs. For tests; the loop does not wait. */
  async tick(now = this.now()): Promise<SlotOutcome[]> {
    const runs = await this.startDue(now);
    return (await Promise.all(runs)).filter((o): o is SlotOutcome => o !== null);
  }

  /** Claims each job's due slot; returns the runs it started (they go on in the background). */
  private async startDue(now = this.now()): Promise<Promise<SlotOutcome | null>[]> {
    const db = await this.getDb();
    const started: Promise<SlotOutcome | null>[] = [];
    for (const job of this.jobs) {
      try {
        const slot = latestSlot(job.cron, now);
        if (!slot || now.getTime() - slot.getTime() > (job.catchUpWithinMs ?? DEFAULT_CATCH_UP_MS)) continue;
        if ((this.tried.get(job.id) ?? -Infinity) >= slot.getTime()) continue;
        // Only when a claim is about to be tried (not a write per job every tick): a stale run would block it.
        await failStaleRuns(db, job, now);
        const { runId, busy } = await claimSlot(db, job, slot, this.runnerId, now);
        // Lost only to a run still going (a job that must not overlap): tried again next tick, the slot may still start late.
        if (!busy) this.tried.set(job.id, slot.getTime());
        if (!runId) continue;
        const run = runClaimedSlot(db, job, runId, slot, { now: this.now, signal: this.abort.signal }).catch((err) => {
          // The outcome could not be written (the database went away): the row stays running until marked stale.
          console.error(`scheduler: ${job.id} ${slot.toISOString()}: ${describeError(err, { frames: false })}`);
          return null;
        });
        this.inFlight.add(run);
        void run.finally(() => this.inFlight.delete(run));
        started.push(run);
      } catch (err) {
        console.error(`scheduler: ${job.id}: ${describeError(err, { frames: false })}`);
      }
    }
    return started;
  }
}
