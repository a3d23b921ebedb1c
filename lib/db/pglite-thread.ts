import { existsSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { sourceWorker } from "@/lib/threads/source-worker";
import type { Results } from "@electric-sql/pglite";
import type { ThreadReply, ThreadRequest } from "./pglite-thread-protocol";

// PGlite on a thread of its own. PGlite runs Postgres as WebAssembly on the
// thread that calls it, synchronously: on the main thread every statement
// stops the web server, the job runner and everything else for its whole
// duration (three quarters of the server's main thread under webhook load).
// Here the main thread only posts statements and reads answers, and the
// database works on the other core meanwhile.
//
// The object has the part of PGlite's interface that drizzle's PGlite driver
// uses (query, exec, transaction, close), with the same semantics: one
// statement at a time, and a transaction holds the database until it ends.

/** V8 sizes the young generation at three semi-spaces: 12 MiB is two 4 MiB semi-spaces (and the large-object part). */
const YOUNG_GENERATION_MB = 12;

type RequestBody = ThreadRequest extends infer R ? (R extends ThreadRequest ? Omit<R, "id"> : never) : never;
type QueryOptions = { rowMode?: "array" | "object"; parsers?: Record<number, unknown> };
type Pending = { resolve: (v: unknown) => void; reject: (e: unknown) => void };

/** The part of a PGlite instance (or transaction) that callers use. */
export type PgliteLike = {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(sql: string): Promise<Results[]>;
};

function toError(data: Record<string, unknown>): Error {
  const err = new Error(String(data.message));
  Object.assign(err, data);
  err.name = typeof data.name === "string" && data.name !== "Error" ? data.name : "DatabaseError";
  return err;
}

export class PGliteThread implements PgliteLike {
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private dead: Error | null = null;
  private closing = false;

  private constructor(private readonly worker: Worker) {
    worker.on("message", (r: ThreadReply) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (!this.pending.size) worker.unref();
      if (r.ok) p.resolve(r.result);
      else p.reject(toError(r.error));
    });
    const fail = (err: Error) => {
      // After close() the exit is expected; otherwise every later statement fails with this.
      if (!this.dead && !this.closing) console.error(`db: ${err.message}`);
      this.dead ??= err;
      for (const p of this.pending.values()) p.reject(this.dead);
      this.pending.clear();
    };
    worker.on("error", (err) => fail(new Error(`database thread failed: ${err.message}`)));
    worker.on("exit", (code) => fail(new Error(`database thread exited (${code})`)));
  }

  /** Starts the thread and opens PGlite in `dataDir` (in memory when undefined). */
  static async open(dataDir: string | undefined): Promise<PGliteThread> {
    // A new folder is initialised (initdb) on a thread of its own that then
    // ends. PGlite runs initdb in two more WebAssembly instances beside the
    // one that serves, and what they and the loaded data directory leave
    // behind is garbage an idle thread would keep for a long time (in a bare
    // process, 755 MiB resident after opening a new folder against 169 MiB for
    // an existing one; 351 MiB even after a full GC). A thread that ends hands
    // all of it back at once. (In memory, the data exists only in
    // the instance that made it, so that one stays.)
    if (dataDir !== undefined && !existsSync(path.join(dataDir, "PG_VERSION"))) {
      const init = await PGliteThread.start(dataDir, true);
      await init.worker.terminate();
    }
    return PGliteThread.start(dataDir, false);
  }

  private static async start(dataDir: string | undefined, initOnly: boolean): Promise<PGliteThread> {
    const workerData = { dataDir, initOnly };
    // The thread's own JavaScript only passes statements and rows along; V8's
    // default young generation (two 16 MiB semi-spaces, resident once used)
    // would cost more than its whole old generation. Only the young generation
    // is bounded: a large result still gets the memory it needs.
    const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
    // Under Next the entry is bundled (Turbopack recognises this `new URL`
    // form); run from TypeScript sources (tests, tsx scripts), the thread
    // loads it through tsx.
    const worker = !process.env.NEXT_RUNTIME
      ? sourceWorker(new URL("./pglite-thread-entry.ts", import.meta.url), { name: "portico-pglite", workerData, resourceLimits })
      : new Worker(new URL("./pglite-thread-entry.ts", import.meta.url), { name: "portico-pglite", workerData, resourceLimits });
    const thread = new PGliteThread(worker);
    if (initOnly) thread.closing = true;
    // The entry answers request 0 once PGlite is open.
    try {
      await new Promise((resolve, reject) => {
        thread.pending.set(0, { resolve, reject });
      });
    } catch (err) {
      await worker.terminate();
      throw err;
    }
    return thread;
  }

  private call<T>(req: RequestBody): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      // Referenced only while an answer is awaited: an idle database never keeps the process alive.
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ ...req, id });
    });
  }

  private queryOn<T>(tx: number | undefined, sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    // Parser functions cannot cross threads; every parser drizzle passes keeps
    // the value as text, so the thread is asked for those types raw.
    const rawTypes = options?.parsers ? Object.keys(options.parsers).map(Number) : undefined;
    return this.call({ op: "query", sql, params, rowMode: options?.rowMode, rawTypes, tx });
  }

  query<T = Record<string, unknown>>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> {
    return this.queryOn<T>(undefined, sql, params, options);
  }

  exec(sql: string): Promise<Results[]> {
    return this.call({ op: "exec", sql });
  }

  /** Runs `fn` in a transaction: committed if it resolves, rolled back if it throws. */
  async transaction<T>(fn: (tx: PgliteLike) => Promise<T>): Promise<T> {
    const txId = await this.call<number>({ op: "begin" });
    let closed = false;
    const guard = () => {
      if (closed) throw new Error("transaction already ended");
    };
    const tx: PgliteLike = {
      query: <R>(sql: string, params?: unknown[], options?: QueryOptions) => (guard(), this.queryOn<R>(txId, sql, params, options)),
      exec: (sql: string) => (guard(), this.call<Results[]>({ op: "exec", sql, tx: txId })),
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (err) {
      closed = true;
      await this.call({ op: "end", tx: txId, commit: false }).catch(() => {});
      throw err;
    }
    closed = true;
    await this.call({ op: "end", tx: txId, commit: true });
    return result;
  }

  async close(): Promise<void> {
    this.closing = true;
    if (!this.dead) await this.call({ op: "close" }).catch(() => {});
    await this.worker.terminate();
  }
}
