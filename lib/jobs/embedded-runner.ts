import { randomUUID } from "node:crypto";
import type { Db } from "@/db";
import { config } from "@/lib/config";
import { describeError } from "@/lib/db/errors";
import { markDeadWithoutRequest, performAttempt } from "@/lib/webhooks/attempt-delivery";
import type { DeliveryJob } from "@/lib/webhooks/delivery-job";
import { recordOutcomes, type AttemptRecord } from "@/lib/webhooks/record-outcomes";
import { SenderThread } from "@/lib/webhooks/transport/sender-thread";
import { processReplayJobs } from "@/lib/webhooks/replay-events";
import { CLAIM_LOCK_MS, claimDueDeliveries, releaseClaims } from "./claim-due-deliveries";
import { acceptHandoffs, onDeliveriesScheduled } from "./notify";
import { beat, HEARTBEAT_EVERY_MS, leaseHeld, retire } from "./runner-leases";

// The in-process worker used when Inngest is not configured: it drives the
// same lib/webhooks step functions from the database. Fresh deliveries come
// straight from the publisher of this process, already claimed; retries and
// anything else due are claimed in batches. Attempts run concurrently (each
// endpoint at most its `maxConcurrency` at once, so one slow receiver cannot
// take every slot), and results are written in batches as they complete: one
// statement per batch rather than several per delivery.

const CLAIM_EVERY_MS = 20;
/** Jobs queued in memory beyond which publishers create deliveries unclaimed (the claim loop takes them later). */
const MAX_QUEUED = 10_000;

export type RunnerOptions = {
  pollMs?: number;
  concurrency?: number;
  batch?: number;
  /** How often it renews its lease (HEARTBEAT_EVERY_MS; tests shorten it). */
  heartbeatMs?: number;
  /** Sign and send on a worker thread (see transport/sender-thread.ts) instead of this one. */
  senderThread?: boolean;
};

export class EmbeddedRunner {
  private runnerId = randomUUID();
  private startedAt = new Date();
  /** When its last beat landed (or it started): past its lease (leaseHeld) it starts nothing, lest it be taken for dead while sending. */
  private lastBeatOkAt = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private beating: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Which start() the current loop belongs to. */
  private run = 0;
  private stopped = true;
  private inFlight = new Set<Promise<void>>();
  private perEndpoint = new Map<string, number>();
  private wake: (() => void) | null = null;
  private unsubscribe: (() => void)[] = [];
  private results: AttemptRecord[] = [];
  private writing: Promise<void> | null = null;
  private lastReplayCheck = 0;
  private queued = new Map<string, DeliveryJob[]>();
  private queuedCount = 0;
  private nextClaimAt = 0;
  private lastClaimAt = 0;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly batch: number;
  private readonly heartbeatMs: number;
  private readonly sender: SenderThread | null;

  constructor(
    private readonly getDb: () => Promise<Db>,
    opts: RunnerOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 500;
    this.concurrency = opts.concurrency ?? 64;
    this.batch = opts.batch ?? 128;
    this.heartbeatMs = opts.heartbeatMs ?? HEARTBEAT_EVERY_MS;
    this.sender = opts.senderThread ? new SenderThread() : null;
  }

  /** Its row in job_runners and the name its claims are made in; a new one each start(), as the last stop() retired the old. */
  get id() {
    return this.runnerId;
  }

  start() {
    if (!this.stopped) return;
    this.stopped = false;
    this.runnerId = randomUUID();
    this.startedAt = new Date();
    this.lastBeatOkAt = Date.now();
    this.unsubscribe = [
      onDeliveriesScheduled(() => {
        this.nextClaimAt = Math.min(this.nextClaimAt, this.lastClaimAt + CLAIM_EVERY_MS);
        this.kick();
      }),
      acceptHandoffs({ runnerId: this.id, room: () => (this.stopped || !this.holdsLease() ? 0 : MAX_QUEUED - this.queuedCount), take: (jobs) => this.take(jobs) }),
    ];
    // Until the first beat lands, claims in its name wait for their lapse, as before runners had rows.
    this.beat();
    this.heartbeat = setInterval(() => this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
    // A loop left over from a stop() still under way ends at its next check: it belongs to another run.
    this.looping = this.loop(++this.run);
  }

  private beat() {
    // One at a time: a beat that is slow to land is not overtaken by the next.
    const id = this.id;
    this.beating ??= this.getDb()
      .then((db) => beat(db, id, this.startedAt))
      .then(() => {
        if (id === this.id) this.lastBeatOkAt = Date.now();
      })
      .catch((err) => console.error(`runner: heartbeat failed: ${describeError(err, { frames: false })}`))
      .finally(() => (this.beating = null));
  }

  private holdsLease() {
    return leaseHeld(this.lastBeatOkAt);
  }

  /** Queues jobs this process already holds the claims of, and starts what the limits allow. */
  take(jobs: DeliveryJob[]): boolean {
    if (this.stopped) return false;
    this.enqueue(jobs);
    void this.getDb().then((db) => this.dispatch(db));
    return true;
  }

  private enqueue(jobs: DeliveryJob[]) {
    for (const job of jobs) {
      const q = this.queued.get(job.endpointId);
      if (q) q.push(job);
      else this.queued.set(job.endpointId, [job]);
      this.queuedCount++;
    }
  }

  /** Stops claiming new work and waits for attempts under way to finish. */
  async stop() {
    this.stopped = true;
    for (const off of this.unsubscribe) off();
    this.unsubscribe = [];
    this.kick();
    if (this.timer) clearTimeout(this.timer);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    // A pass under way could still claim after this point; let it end first,
    // so what it claimed is handed back below rather than held until it lapses.
    const loop = this.looping;
    this.run++;
    await loop;
    await Promise.allSettled([...this.inFlight]);
    await this.sender?.close();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const db = await this.getDb();
    await this.flushResults(db);
    // Hand back what was claimed but never started, so another process can take it now.
    const waiting = [...this.queued.values()].flat().map((j) => j.deliveryId);
    this.queued.clear();
    this.queuedCount = 0;
    if (waiting.length) await releaseClaims(db, waiting).catch(() => {});
    // Nothing should be held any more; whatever is (a record that failed to write) is free now.
    await this.beating;
    await retire(db, this.id).catch(() => {});
  }

  kick() {
    this.wake?.();
  }

  /** One pass: claim what is due and start as much as the limits allow. Returns how many started. */
  async tick(): Promise<number> {
    const db = await this.getDb();
    if (Date.now() - this.lastReplayCheck > 1000) {
      this.lastReplayCheck = Date.now();
      await processReplayJobs(db).catch((err) => console.error(`runner: replay failed: ${describeError(err, { frames: false })}`));
    }
    // Claimed rows wait in per-endpoint queues (still locked by us) until their
    // endpoint has a free slot; claim again only when the queues run low, and never
    // for endpoints that already have work waiting. No claim is ever given back.
    if (this.stopped || !this.holdsLease()) return this.dispatch(db);
    if (this.queuedCount < this.batch / 2 && Date.now() >= this.nextClaimAt) {
      const waiting = [...this.queued.keys()];
      const claimed = await claimDueDeliveries(db, this.batch - this.queuedCount, { skipEndpoints: waiting, runnerId: this.id });
      // Claims are coalesced: at most one per 20 ms, and after an empty one wait
      // for the poll interval unless new work is announced or a retry we
      // scheduled falls due (fresh deliveries of this process's publishers
      // arrive by hand-off, without a claim).
      this.lastClaimAt = Date.now();
      this.nextClaimAt = this.lastClaimAt + (claimed.length ? CLAIM_EVERY_MS : this.pollMs);
      this.enqueue(claimed);
    }
    return this.dispatch(db);
  }

  /**
   * Starts queued attempts while the global and per-endpoint limits allow. A job
   * that waited so long its claim could lapse before the attempt ends is given
   * back instead (behind a slow endpoint, say), to be claimed afresh.
   */
  private dispatch(db: Db): number {
    // Stopping: what is still queued is handed back by stop(), not started.
    if (this.stopped) return 0;
    // Heartbeats failing: others may soon take this runner for dead and its
    // claims for free, so send nothing more. What is queued is dropped, not
    // given back (the database is likely what fails): its claims lapse or are
    // freed with the lease.
    if (!this.holdsLease()) {
      this.queued.clear();
      this.queuedCount = 0;
      return 0;
    }
    // Every completion dispatches, so the walk ends as soon as every slot is
    // taken (walking every endpoint's queue each time was O(endpoints) per
    // attempt). Stale jobs are dropped as the walk reaches them; the queues it
    // does not reach are swept at most once a second.
    const staleBefore = this.staleBefore();
    if (Date.now() - this.lastStaleSweep > 1000) this.releaseStale(db, staleBefore);
    let started = 0;
    let stale: string[] | null = null;
    for (const [endpointId, q] of this.queued) {
      if (this.inFlight.size >= this.concurrency) break;
      // The endpoint's current limit, as read with its newest job.
      const limit = q.length ? (q[q.length - 1].endpoint?.maxConcurrency ?? 1) : 0;
      let n = 0;
      while (q.length && this.inFlight.size < this.concurrency && (this.perEndpoint.get(endpointId) ?? 0) < limit) {
        const job = q.shift()!;
        this.queuedCount--;
        if (job.claimedAt < staleBefore) (stale ??= []).push(job.deliveryId);
        else {
          this.launch(db, job);
          n++;
        }
      }
      started += n;
      // Round robin: an endpoint that just got slots goes behind the others.
      if (!q.length || n) this.queued.delete(endpointId);
      if (q.length && n) this.queued.set(endpointId, q);
    }
    if (stale) this.giveBack(db, stale);
    return started;
  }

  /** Jobs claimed before this could see their claim lapse before the attempt ends (behind a slow endpoint, say). */
  private staleBefore() {
    return Date.now() - (CLAIM_LOCK_MS - config().WEBHOOK_TIMEOUT_MS - 10_000);
  }

  private giveBack(db: Db, deliveryIds: string[]) {
    void releaseClaims(db, deliveryIds).catch((err) => console.error(`runner: could not release claims: ${describeError(err, { frames: false })}`));
  }

  private lastStaleSweep = 0;

  /** Gives back stale jobs (see staleBefore) from every queue, also those of endpoints whose slots are all taken. */
  private releaseStale(db: Db, staleBefore: number) {
    this.lastStaleSweep = Date.now();
    const stale: string[] = [];
    for (const [endpointId, q] of this.queued) {
      while (q.length && q[0].claimedAt < staleBefore) {
        stale.push(q.shift()!.deliveryId);
        this.queuedCount--;
      }
      if (!q.length) this.queued.delete(endpointId);
    }
    if (stale.length) this.giveBack(db, stale);
  }

  private launch(db: Db, job: DeliveryJob) {
    const endpointId = job.endpointId;
    this.perEndpoint.set(endpointId, (this.perEndpoint.get(endpointId) ?? 0) + 1);
    const done = () => {
      this.perEndpoint.set(endpointId, (this.perEndpoint.get(endpointId) ?? 1) - 1);
      this.inFlight.delete(p);
      this.dispatch(db);
      this.kick();
    };
    // Never throws (whatever was rejected), so the slot is always given back.
    const failed = (err: unknown) => console.error(`runner: delivery ${job.deliveryId} failed: ${describeError(err, { frames: false })}`);
    const p: Promise<void> = performAttempt(job, { send: this.sender?.send })
      .then((record) => {
        if ("deadWithoutRequest" in record) return markDeadWithoutRequest(db, record.deliveryId, record.deadWithoutRequest);
        this.results.push(record);
        this.scheduleFlush(db);
      })
      .catch(failed)
      .finally(done);
    this.inFlight.add(p);
  }

  private flushTimer: NodeJS.Timeout | null = null;

  /**
   * Results are written at most every 100 ms (or at once past 512), one
   * statement per batch: on the embedded database a row costs far less in a
   * big batch than in a small one. A crash loses at most that much record,
   * and those deliveries are sent again (at least once, same webhook-id).
   */
  private scheduleFlush(db: Db) {
    if (this.results.length >= 512) {
      void this.flushResults(db);
      return;
    }
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = null;
      void this.flushResults(db);
    }, 100);
  }

  /** One writer at a time; whatever piles up meanwhile goes in its next batch. */
  private async flushResults(db: Db): Promise<void> {
    while (this.writing) await this.writing;
    if (!this.results.length) return;
    const batch = this.results;
    this.results = [];
    // A retry due soon (the schedule may say "at once") is claimed when due, not at the next poll.
    for (const r of batch) {
      const due = r.outcome.nextAttemptAt?.getTime();
      if (due !== undefined) this.nextClaimAt = Math.min(this.nextClaimAt, Math.max(due, this.lastClaimAt + CLAIM_EVERY_MS));
    }
    this.writing = recordOutcomes(db, batch).catch((err) => {
      // The claims lapse and the deliveries are attempted again: at-least-once.
      console.error(`runner: could not record ${batch.length} attempts: ${describeError(err, { frames: false })}`);
    });
    try {
      await this.writing;
    } finally {
      this.writing = null;
    }
  }

  private looping: Promise<void> = Promise.resolve();

  private async loop(run: number) {
    const current = () => !this.stopped && run === this.run;
    while (current()) {
      let started = 0;
      try {
        started = await this.tick();
      } catch (err) {
        console.error(`runner: tick failed: ${describeError(err, { frames: false })}`);
      }
      if (!current()) break;
      if (started > 0 && this.inFlight.size < this.concurrency) continue;
      const untilClaim = this.nextClaimAt - Date.now();
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, untilClaim > 0 ? Math.min(untilClaim, this.pollMs) : this.pollMs);
      });
      this.wake = null;
    }
  }
}
