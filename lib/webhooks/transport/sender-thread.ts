import { Worker } from "node:worker_threads";
import { sourceWorker } from "@/lib/threads/source-worker";
import type { Sender, SignedSend, SignedSendResult } from "./signed-send";

// Sending off the main thread. The embedded runner shares its thread with the
// web server (and, with PGLITE_THREAD=0, with the database itself); signing
// and HTTP for thousands of attempts a second would compete with it. A sender thread does
// that work on another core, fed and answered in batches (one message per
// synchronous run of the runner, not one per attempt).

type Pending = { resolve: (r: SignedSendResult) => void; task: SignedSend };

export class SenderThread {
  private worker: Worker | null = null;
  private pending = new Map<number, Pending>();
  private outbox: { id: number; task: SignedSend }[] = [];
  private nextId = 1;
  private flushing = false;

  /** Same contract as signedSend: never rejects; a dead thread is a failed attempt, retried later. */
  readonly send: Sender = (task) =>
    new Promise((resolve) => {
      const id = this.nextId++;
      this.pending.set(id, { resolve, task });
      this.outbox.push({ id, task });
      if (!this.flushing) {
        this.flushing = true;
        // A microtask, not setImmediate: a burst of completions and database
        // answers can chain microtasks for a long time, and a send must not
        // wait for them all.
        queueMicrotask(() => this.flush());
      }
    });

  private flush() {
    this.flushing = false;
    const batch = this.outbox;
    this.outbox = [];
    if (batch.length) this.thread().postMessage(batch);
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    // Under Next the thread's entry is bundled (Turbopack recognises this
    // `new URL` form). Run from TypeScript sources (tests, tsx scripts), the
    // thread loads it through tsx.
    const worker = !process.env.NEXT_RUNTIME
      ? sourceWorker(new URL("./sender-thread-entry.ts", import.meta.url), { name: "portico-webhook-sender" })
      : new Worker(new URL("./sender-thread-entry.ts", import.meta.url), { name: "portico-webhook-sender" });
    worker.unref();
    worker.on("message", (batch: { id: number; out: SignedSendResult }[]) => {
      for (const { id, out } of batch) {
        const p = this.pending.get(id);
        this.pending.delete(id);
        p?.resolve(out);
      }
    });
    const fail = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        p.resolve({
          requestHeaders: {},
          result: { status: null, headers: {}, body: "", durationMs: 0, error: `sender thread ${reason}`, retryAfterSeconds: null },
        });
      }
    };
    worker.on("error", (err) => fail(`failed: ${err.message}`));
    worker.on("exit", (code) => fail(`exited (${code})`));
    this.worker = worker;
    return worker;
  }

  async close() {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
