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

const CLAIM_EVERY_MS = 20;

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
  private queued = new Map<string, Awaited<ReturnType<typeof loadDeliveries>>>();
  private queuedCount = 0;
  private nextClaimAt = 0;
  private lastClaimAt = 0;
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
    this.unsubscribe = onDeliveriesScheduled(() => {
      this.nextClaimAt = Math.min(this.nextClaimAt, this.lastClaimAt + CLAIM_EVERY_MS);
      this.kick();
    });
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
    const db = await this.getDb();
    await this.flushResults(db);
    // Hand back what was claimed but never started, so another process can take it now.
    const waiting = [...this.queued.values()].flat().map((r) => r.delivery.id);
    this.queued.clear();
    this.queuedCount = 0;
    if (waiting.length) await releaseClaims(db, waiting).catch(() => {});
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
    // Claimed rows wait in per-endpoint queues (still locked by us) until their
    // endpoint has a free slot; claim again only when the queues run low, and never
    // for endpoints that already have work waiting. No claim is ever given back.
    if (this.queuedCount < this.batch / 2 && Date.now() >= this.nextClaimAt) {
      const waiting = [...this.queued.keys()];
      const claimed = await claimDueDeliveries(db, this.batch - this.queuedCount, new Date(), waiting);
      // Claims are coalesced: at most one per 20 ms, and after an empty one wait
      // 100 ms unless new work is announced.
      this.lastClaimAt = Date.now();
      this.nextClaimAt = this.lastClaimAt + (claimed.length ? CLAIM_EVERY_MS : 100);
      const loaded = await loadDeliveries(db, claimed.map((c) => c.id));
      for (const row of loaded) {
        const q = this.queued.get(row.delivery.endpointId) ?? [];
        q.push(row);
        this.queued.set(row.delivery.endpointId, q);
        this.queuedCount++;
      }
    }
    return this.dispatch(db);
  }

  /** Starts queued attempts while the global and per-endpoint limits allow. */
  private async dispatch(db: Db): Promise<number> {
    let started = 0;
    for (const [endpointId, q] of this.queued) {
      const limit = await this.endpointLimit(db, endpointId);
      while (q.length && this.inFlight.size < this.concurrency && (this.perEndpoint.get(endpointId) ?? 0) < limit) {
        const row = q.shift()!;
        this.queuedCount--;
        this.launch(db, row);
        started++;
      }
      if (!q.length) this.queued.delete(endpointId);
    }
    return started;
  }

  private launch(db: Db, row: Awaited<ReturnType<typeof loadDeliveries>>[number]) {
    const endpointId = row.delivery.endpointId;
    this.perEndpoint.set(endpointId, (this.perEndpoint.get(endpointId) ?? 0) + 1);
    const p = performAttempt(row)
      .then(async (record) => {
        if ("deadWithoutRequest" in record) await markDeadWithoutRequest(db, record.deliveryId, record.deadWithoutRequest);
        else {
          this.results.push(record);
          this.scheduleFlush(db);
        }
      })
      .catch((err) => console.error(`runner: delivery ${row.delivery.id} failed:`, (err as Error).message))
      .finally(() => {
        this.perEndpoint.set(endpointId, (this.perEndpoint.get(endpointId) ?? 1) - 1);
        this.inFlight.delete(p);
        void this.dispatch(db).finally(() => this.kick());
      });
    this.inFlight.add(p);
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
      const untilClaim = this.nextClaimAt - Date.now();
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, untilClaim > 0 ? Math.min(untilClaim, this.pollMs) : this.pollMs);
      });
      this.wake = null;
    }
    this.running = false;
  }
}
