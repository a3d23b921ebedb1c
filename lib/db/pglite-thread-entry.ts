import { parentPort, workerData } from "node:worker_threads";
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { configurePglite, pgliteExtensions, pgliteStartSettings } from "./configure-pglite";
import type { ThreadReply, ThreadRequest } from "./pglite-thread-protocol";

// Entry of the database thread (see pglite-thread.ts): owns the PGlite
// instance and runs what the main thread sends, as the instance would on the
// main thread: a transaction holds it exclusively until its end arrives, and
// other statements wait for that.

const port = parentPort;
if (!port) throw new Error("pglite-thread-entry runs as a worker thread");
const { dataDir, initOnly } = workerData as { dataDir?: string; initOnly?: boolean };

const reply = (r: ThreadReply) => port.postMessage(r);

/** A Postgres error as plain data: its message and every field callers read (code, constraint, detail…). */
function errorData(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: String(err) };
  const out: Record<string, unknown> = { message: err.message, name: err.name };
  for (const [k, v] of Object.entries(err)) if (typeof v === "string" || typeof v === "number") out[k] = v;
  return out;
}

// Identity parsers for the types a caller wants as raw text (drizzle keeps
// timestamps, dates and intervals as strings and maps them itself).
const rawParsers = new Map<string, Record<number, (v: string) => string>>();
function parsersFor(types: number[] | undefined) {
  if (!types?.length) return undefined;
  const key = types.join(",");
  let p = rawParsers.get(key);
  if (!p) rawParsers.set(key, (p = Object.fromEntries(types.map((t) => [t, (v: string) => v]))));
  return p;
}

class RollbackRequested extends Error {}
const transactions = new Map<number, { tx: Transaction; end: (commit: boolean) => void }>();
/** The request that ended each transaction, answered when its COMMIT or ROLLBACK is done. */
const endRequests = new Map<number, number>();
let nextTx = 1;

function target(pg: PGlite, tx: number | undefined): PGlite | Transaction {
  if (!tx) return pg;
  const open = transactions.get(tx);
  if (!open) throw new Error(`transaction ${tx} is not open`);
  return open.tx;
}

function begin(pg: PGlite, id: number) {
  const txId = nextTx++;
  let began = false;
  pg.transaction(
    (tx) =>
      new Promise<void>((resolve, reject) => {
        transactions.set(txId, { tx, end: (commit) => (commit ? resolve() : reject(new RollbackRequested())) });
        began = true;
        reply({ id, ok: true, result: txId });
      }),
  )
    .then(
      () => null,
      (err: unknown) => (err instanceof RollbackRequested ? null : err),
    )
    .then((err) => {
      transactions.delete(txId);
      const endId = endRequests.get(txId);
      endRequests.delete(txId);
      if (!began) reply({ id, ok: false, error: errorData(err) });
      else if (endId !== undefined) reply(err ? { id: endId, ok: false, error: errorData(err) } : { id: endId, ok: true, result: null });
    });
}

async function handle(pg: PGlite, m: ThreadRequest): Promise<void> {
  switch (m.op) {
    case "query":
      return reply({ id: m.id, ok: true, result: await target(pg, m.tx).query(m.sql, m.params, { rowMode: m.rowMode, parsers: parsersFor(m.rawTypes) }) });
    case "exec":
      return reply({ id: m.id, ok: true, result: await target(pg, m.tx).exec(m.sql) });
    case "begin":
      return begin(pg, m.id);
    case "end": {
      const open = transactions.get(m.tx);
      if (!open) throw new Error(`transaction ${m.tx} is not open`);
      endRequests.set(m.tx, m.id);
      return open.end(m.commit);
    }
    case "close":
      await pg.close();
      return reply({ id: m.id, ok: true, result: null });
  }
}

async function main() {
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir, { extensions: pgliteExtensions, startParams: [...PGlite.defaultStartParams, ...pgliteStartSettings] });
    // Only initialising the folder (see PGliteThread.open): closed at once, and the thread ends.
    if (initOnly) await pg.close();
    else await configurePglite(pg);
  } catch (err) {
    return reply({ id: 0, ok: false, error: errorData(err) });
  }
  if (initOnly) return reply({ id: 0, ok: true, result: null });
  port!.on("message", (m: ThreadRequest) => void handle(pg, m).catch((err) => reply({ id: m.id, ok: false, error: errorData(err) })));
  reply({ id: 0, ok: true, result: null });
}

void main();
