import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { webhookEndpoints } from "@/db/schema";
import { attemptDelivery } from "@/lib/webhooks/attempt-delivery";
import { processReplayJobs } from "@/lib/webhooks/replay-events";
import { claimDueDeliveries, releaseClaims } from "./claim-due-deliveries";
import { onDeliveriesScheduled } from "./notify";

// The in-process worker used when Inngest is not configured: it drives the
// same lib/webhooks step functions from the database. Due rows are claimed in
// batches; each endpoint gets at most its `maxConcurrency` attempts at once so
// one slow receiver cannot take every worker slot.

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
  private readonly pollMs: number;
  private readonly concurrency: number;
  private readonly batch: number;

  constructor(
    private readonly getDb: () => Promise<Db>,
    opts: RunnerOptions = {},
  ) {
    this.pollMs = opts.pollMs ?? 500;
    this.concurrency = opts.concurrency ?? 32;
    this.batch = opts.batch ?? 64;
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
    await processReplayJobs(db).catch((err) => console.error("runner: replay failed:", (err as Error).message));
    const free = this.concurrency - this.inFlight.size;
    if (free <= 0) return 0;
    const claimed = await claimDueDeliveries(db, Math.min(free, this.batch));
    let started = 0;
    const skipped: string[] = [];
    for (const d of claimed) {
      const limit = await this.endpointLimit(db, d.endpointId);
      const busy = this.perEndpoint.get(d.endpointId) ?? 0;
      if (busy >= limit) {
        skipped.push(d.id);
        continue;
      }
      this.perEndpoint.set(d.endpointId, busy + 1);
      const p = attemptDelivery(db, d.id, { preclaimed: true })
        .then(() => undefined)
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
