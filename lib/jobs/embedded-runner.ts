import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookEndpoints } from "@/db/schema";
import { loadDeliveries, markDeadWithoutRequest, performAttempt } from "@/lib/webhooks/attempt-delivery";
import { recordOutcomes, type AttemptRecord } from "@/lib/webhooks/record-outcomes";
import { processReplayJobs } from "@/lib/webhooks/replay-events";
import { claimDueDeliveries, releaseClaims } from "./claim-due-deliveries";
import { onDeliveriesScheduled } from "./notify";

// The in-process worker used when Inngest is not configured: it drives the
// same lib/webhooks step functions from the database. Due rows are claimed and
// loaded in batches, attempts run concurrently (each endpoint at most its
// `maxConcurrency` at once, so one slow receiver cannot take every slot), and
// results are written in batches as they complete: a handful of statements per
// batch rather than several per delivery.

export type RunnerOptions = { pollMs?: number; concurrency?: number; batch?: number };

export class EmbeddedRunner {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = true;
  private inFlight = new Set<Promise<void>>();
  private perEndpoint = new Map<string, number>();
  private limits = new Map<string, number>();
  private wake: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private results: AttemptRecord[] = [];
  private writing: Promise<void> | null = null;
  private lastReplayCheck = 0;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly batch: number;

  constructor(
    private readonly getDb: () => Promise<Db>,
    opts: RunnerOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 500;
    this.concurrency = opts.concurrency ?? 64;
    this.batch = opts.batch ?? 128;
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = onDeliveriesScheduled(() => this.kick());
    void this.loop();
  }

  /** Stops claiming new work and waits for attempts under way to finish. */
  async stop() {
    this.stopped = true;
    this.unsubscribe?.();
    this.kick();
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    await this.flushResults(await this.getDb());
  }

  kick() {
    this.wake?.();
  }

  private async endpointLimit(db: Db, endpointId: string): Promise<number> {
    let limit = this.limits.get(endpointId);
    if (limit === undefined) {
      const [e] = await db.select({ n: webhookEndpoints.maxConcurrency }).from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
      limit = e?.n ?? 10;
      this.limits.set(endpointId, limit);
    }
    return limit;
  }

  /** One pass: claim what is due and start as much as the limits allow. Returns how many started. */
  async tick(): Promise<number> {
    const db = await this.getDb();
    if (Date.now() - this.lastReplayCheck > 1000) {
      this.lastReplayCheck = Date.now();
      await processReplayJobs(db).catch((err) => console.error("runner: replay failed:", (err as Error).message));
    }
    // Claim in batches: waking for every single free slot would cost a query per delivery.
    const free = this.concurrency - this.inFlight.size;
    if (free < Math.min(this.concurrency / 2, 8) && this.inFlight.size > 0) return 0;
    const claimed = await claimDueDeliveries(db, Math.min(free, this.batch));
    const loaded = new Map((await loadDeliveries(db, claimed.map((c) => c.id))).map((l) => [l.delivery.id, l]));
    let started = 0;
    const skipped: string[] = [];
    for (const d of claimed) {
      const row = loaded.get(d.id);
      if (!row) continue;
      const limit = await this.endpointLimit(db, d.endpointId);
      const busy = this.perEndpoint.get(d.endpointId) ?? 0;
      if (busy >= limit) {
        skipped.push(d.id);
        continue;
      }
      this.perEndpoint.set(d.endpointId, busy + 1);
      const p = performAttempt(row)
        .then(async (record) => {
          if ("deadWithoutRequest" in record) await markDeadWithoutRequest(db, record.deliveryId, record.deadWithoutRequest);
          else {
            this.results.push(record);
            this.scheduleFlush(db);
          }
        })
        .catch((err) => console.error(`runner: delivery ${d.id} failed:`, (err as Error).message))
        .finally(() => {
          this.perEndpoint.set(d.endpointId, (this.perEndpoint.get(d.endpointId) ?? 1) - 1);
          this.inFlight.delete(p);
          this.kick();
        });
      this.inFlight.add(p);
      started++;
    }
    if (skipped.length) await releaseClaims(db, skipped);
    return started;
  }

  private flushTimer: NodeJS.Timeout | null = null;

  /** Results are written at most every 25 ms (or at once past 64): a few statements per batch. */
  private scheduleFlush(db: Db) {
    if (this.results.length >= 64) {
      void this.flushResults(db);
      return;
    }
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      void this.flushResults(db);
    }, 25);
  }

  /** One writer at a time; whatever piles up meanwhile goes in its next batch. */
  private async flushResults(db: Db): Promise<void> {
    while (this.writing) await this.writing;
    if (!this.results.length) return;
    const batch = this.results;
    this.results = [];
    this.writing = recordOutcomes(db, batch).catch((err) => {
      // The claims lapse and the deliveries are attempted again: at-least-once.
      console.error(`runner: could not record ${batch.length} attempts:`, (err as Error).message);
    });
    try {
      await this.writing;
    } finally {
      this.writing = null;
    }
  }

  private async loop() {
    if (this.running) return;
    this.running = true;
    while (!this.stopped) {
      let started = 0;
      try {
        started = await this.tick();
      } catch (err) {
        console.error("runner: tick failed:", (err as Error).message);
      }
      if (this.stopped) break;
      if (started > 0 && this.inFlight.size < this.concurrency) continue;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, this.pollMs);
      });
      this.wake = null;
    }
    this.running = false;
  }
}
