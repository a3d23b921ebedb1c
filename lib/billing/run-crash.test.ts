import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { openDb, type OpenedDb } from "@/db";
import { billingRuns, invoices } from "@/db/schema";
import { seed } from "@/db/seed";
import { addUsage, setPlan } from "@/lib/testing/billing-fixtures";
import { createPartner } from "@/lib/testing/fixtures";
import { createRun, resumeStaleRuns } from "./billing-runs";

// The month-end run, killed with SIGKILL mid-run in a process of its own, then
// resumed by the next process: every partner invoiced once, numbers gapless.
// On PGlite the data folder is reopened after the kill (crash recovery); on
// Postgres (DATABASE_URL) a fresh database is shared by both processes.

const url = process.env.DATABASE_URL;
// Enough batches (one partner each) that the kill lands mid-run, however fast the child goes.
const N = 30;
const cleanup: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c();
});

async function target(): Promise<{ where: string; open: () => Promise<OpenedDb> }> {
  if (!url) {
    const dir = mkdtempSync(path.join(tmpdir(), "portico-crash-"));
    cleanup.push(async () => rmSync(dir, { recursive: true, force: true }));
    const where = path.join(dir, "pglite");
    return { where, open: () => openDb({ pgliteDir: where }) };
  }
  const { default: postgres } = await import("postgres");
  const name = `portico_crash_${randomBytes(4).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  cleanup.push(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  const u = new URL(url);
  u.pathname = `/${name}`;
  return { where: u.toString(), open: () => openDb({ url: u.toString() }) };
}

/** Starts the child runner and kills it after it has finished `after` batches. */
function runAndKill(where: string, runId: string, after: number): Promise<number> {
  return new Promise((resolve, reject) => {
    // Node itself with tsx as a loader, not the tsx CLI: the CLI runs the script in a grandchild
    // that a SIGKILL of the CLI leaves running (still writing the data folder being removed).
    const child = spawn(process.execPath, ["--import", "tsx", "lib/billing/testing/run-child.ts", where, runId], { stdio: ["ignore", "pipe", "inherit"] });
    let batches = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      batches += chunk.toString().split("\n").filter((l) => l === "batch").length;
      if (batches >= after) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve(batches) : reject(new Error(`child ended without being killed (${batches} batches)`))));
  });
}

describe("a month-end run killed mid-run", () => {
  it("is resumed by the next process with no duplicate and no gap", { timeout: 120_000 }, async () => {
    const t = await target();
    let db = await t.open();
    await seed(db.db, { demo: false });
    for (let i = 0; i < N; i++) {
      const p = await createPartner(db.db, { status: "active" });
      await setPlan(db.db, p.id, { model: "flat_fee", flatFeeCents: 1000 + i, effectiveFrom: "2026-01-01" });
      await addUsage(db.db, p.id, "2026-09-10", 5);
    }
    const run = await createRun(db.db, { kind: "invoices", period: "2026-09" });
    if (!url) await db.close(); // one process per PGlite folder

    const seen = await runAndKill(t.where, run.id, 4);
    expect(seen).toBeGreaterThanOrEqual(4);

    if (!url) db = await t.open();
    const partial = await db.db.select().from(invoices);
    expect(partial.length).toBeGreaterThanOrEqual(4);
    expect(partial.length).toBeLessThan(N);
    // The dead runner's lease lapses (here at once rather than in two minutes). On Postgres a
    // statement the child sent just before it died can still land and renew the lease: try again.
    for (let i = 0; i < 50; i++) {
      await db.db.update(billingRuns).set({ leaseUntil: new Date(Date.now() - 1) }).where(eq(billingRuns.id, run.id));
      if ((await resumeStaleRuns(db.db)).resumed) break;
      await new Promise((r) => setTimeout(r, 200));
    }

    const [row] = await db.db.select().from(billingRuns).where(eq(billingRuns.id, run.id));
    expect(row.status).toBe("succeeded");
    const all = await db.db.select().from(invoices);
    expect(all).toHaveLength(N);
    expect(new Set(all.map((i) => i.partnerId)).size).toBe(N);
    const seqs = all.map((i) => Number(i.number.slice(-6))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: N }, (_, i) => seqs[0] + i));
    expect(all.map((i) => i.totalCents).sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, i) => 1000 + i));
    await db.close();
  });
});
