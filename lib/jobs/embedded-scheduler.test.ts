import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { scheduledJobRuns } from "@/db/schema";
import { useTestDb } from "@/lib/testing/test-db";
import { waitUntil } from "@/lib/testing/webhook-receiver";
import { EmbeddedScheduler } from "./embedded-scheduler";
import { pruneJobRuns } from "./prune-job-runs";
import { failInterruptedRuns } from "./run-scheduled-slot";
import { latestSlot, nextSlot, type ScheduledJob } from "./scheduled-job";
import { scheduledJobs } from "./schedules";

const db = useTestDb();

let n = 0;
/** A job that counts its runs (by slot) and does what `body` says; each test gets its own id. */
function countingJob(cron: string, opts: Partial<ScheduledJob> & { body?: (slot: Date) => Promise<void> } = {}) {
  const runs: string[] = [];
  const job: ScheduledJob = {
    id: `test-job-${++n}`,
    cron,
    description: "test",
    ...opts,
    run: async (_db, slot) => {
      runs.push(slot.toISOString());
      await opts.body?.(slot);
      return { slot: slot.toISOString(), n: runs.length };
    },
  };
  return { job, runs };
}

const rowsOf = (job: string) => db().select().from(scheduledJobRuns).where(eq(scheduledJobRuns.job, job)).orderBy(asc(scheduledJobRuns.slot));
const scheduler = (jobs: ScheduledJob[], runnerId?: string) => new EmbeddedScheduler(async () => db(), { jobs, runnerId });
const at = (iso: string) => new Date(iso);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe("cron arithmetic", () => {
  it("takes the slot at or before now, and the next one after it", () => {
    expect(latestSlot("* * * * *", at("2031-05-06T10:05:00.000Z"))).toEqual(at("2031-05-06T10:05:00.000Z"));
    expect(latestSlot("* * * * *", at("2031-05-06T10:05:59.999Z"))).toEqual(at("2031-05-06T10:05:00.000Z"));
    expect(latestSlot("17 3 * * *", at("2031-05-06T03:16:59.000Z"))).toEqual(at("2031-05-05T03:17:00.000Z"));
    expect(nextSlot("17 3 * * *", at("2031-05-06T03:17:00.000Z"))).toEqual(at("2031-05-07T03:17:00.000Z"));
  });

  it("registers every job with a valid cron and a unique id", () => {
    expect(scheduledJobs.map((j) => j.id)).toEqual(expect.arrayContaining(["integration-health", "integration-health-retention"]));
    expect(scheduledJobs.find((j) => j.id === "integration-health")?.cron).toBe("* * * * *");
    for (const j of scheduledJobs) expect(latestSlot(j.cron, new Date())).toBeInstanceOf(Date);
  });
});

describe("embedded scheduler", () => {
  it("runs each slot exactly once across two instances over the same database", async () => {
    const { job, runs } = countingJob("* * * * *", { body: () => sleep(20) });
    const a = scheduler([job], "instance-a");
    const b = scheduler([job], "instance-b");
    for (let minute = 0; minute < 4; minute++) {
      const now = at(`2031-05-06T10:0${minute}:03.000Z`);
      // Both instances tick at the same moment (and then again, as the loop would).
      const outcomes = (await Promise.all([a.tick(now), b.tick(now), a.tick(now), b.tick(now)])).flat();
      expect(outcomes.filter((o) => o.claimed)).toHaveLength(1);
    }
    expect(runs).toEqual(["10:00", "10:01", "10:02", "10:03"].map((t) => `2031-05-06T${t}:00.000Z`));
    const rows = await rowsOf(job.id);
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.status === "succeeded" && r.finishedAt && r.error === null)).toBe(true);
    expect(rows.every((r) => r.runner === "instance-a" || r.runner === "instance-b")).toBe(true);
    expect(rows[2].summary).toEqual({ slot: "2031-05-06T10:02:00.000Z", n: 3 });
  });

  it("after downtime runs the most recent missed slot once, not every missed slot", async () => {
    const { job, runs } = countingJob("* * * * *");
    const s = scheduler([job]);
    await s.tick(at("2031-05-07T09:00:10.000Z"));
    // Down from 09:00 to 09:10:30: slots 09:01 … 09:10 were missed.
    const afterDowntime = new EmbeddedScheduler(async () => db(), { jobs: [job] });
    await afterDowntime.tick(at("2031-05-07T09:10:30.000Z"));
    await afterDowntime.tick(at("2031-05-07T09:10:45.000Z"));
    expect(runs).toEqual(["2031-05-07T09:00:00.000Z", "2031-05-07T09:10:00.000Z"]);
    expect((await rowsOf(job.id)).map((r) => r.slot.toISOString())).toEqual(runs);
  });

  it("catches up a daily slot missed while down, within the look-back window only", async () => {
    const daily = countingJob("30 3 * * *");
    const shortWindow = countingJob("30 3 * * *", { catchUpWithinMs: 3_600_000 });
    await scheduler([daily.job, shortWindow.job]).tick(at("2031-05-07T03:30:05.000Z"));
    expect(daily.runs).toHaveLength(1);
    // Down over the next 03:30; back at 10:00.
    await scheduler([daily.job, shortWindow.job]).tick(at("2031-05-08T10:00:00.000Z"));
    expect(daily.runs).toEqual(["2031-05-07T03:30:00.000Z", "2031-05-08T03:30:00.000Z"]);
    expect(shortWindow.runs).toEqual(["2031-05-07T03:30:00.000Z"]);
  });

  it("never runs an older slot after a newer one (an instance whose clock lags)", async () => {
    const { job, runs } = countingJob("* * * * *");
    await scheduler([job]).tick(at("2031-05-08T12:05:01.000Z"));
    const lagging = await scheduler([job]).tick(at("2031-05-08T12:04:58.000Z"));
    expect(lagging).toEqual([]);
    expect(runs).toEqual(["2031-05-08T12:05:00.000Z"]);
  });

  it("records a failing job as failed with its error, and runs the next slot as usual", async () => {
    const { job, runs } = countingJob("* * * * *", {
      body: async (slot) => {
        if (slot.getUTCMinutes() === 0) throw new Error("the billing provider is down");
      },
    });
    const s = scheduler([job]);
    const [failed] = await s.tick(at("2031-05-09T08:00:02.000Z"));
    expect(failed).toMatchObject({ claimed: true, status: "failed", error: expect.stringContaining("the billing provider is down") });
    await s.tick(at("2031-05-09T08:01:02.000Z"));
    const rows = await rowsOf(job.id);
    expect(rows.map((r) => [r.status, r.error?.includes("the billing provider is down") ?? null])).toEqual([
      ["failed", true],
      ["succeeded", null],
    ]);
    expect(rows[0].finishedAt).not.toBeNull();
    expect(runs).toHaveLength(2);
  });

  it("marks a run whose process died failed, without running its slot again", async () => {
    const { job, runs } = countingJob("* * * * *", { maxRunMs: 30 * 60_000 });
    // Claimed at 07:00 by an instance that then died: still `running` an hour later.
    await db().insert(scheduledJobRuns).values({ job: job.id, slot: at("2031-05-10T07:00:00.000Z"), status: "running", runner: "dead-host:1", startedAt: at("2031-05-10T07:00:01.000Z") });
    const s = scheduler([job]);
    // 20 minutes on it is not stale yet, and blocks the next slot (no overlap).
    expect(await s.tick(at("2031-05-10T07:20:05.000Z"))).toEqual([]);
    expect((await rowsOf(job.id))[0].status).toBe("running");
    await s.tick(at("2031-05-10T08:00:05.000Z"));
    const rows = await rowsOf(job.id);
    expect(rows.map((r) => [r.slot.toISOString(), r.status])).toEqual([
      ["2031-05-10T07:00:00.000Z", "failed"],
      ["2031-05-10T08:00:00.000Z", "succeeded"],
    ]);
    expect(rows[0].error).toMatch(/did not finish/);
    expect(runs).toEqual(["2031-05-10T08:00:00.000Z"]);
  });

  it("does not start a slot while the job's previous run is still going, and takes the latest slot once it ends", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { job, runs } = countingJob("* * * * *", { body: (slot) => (slot.getUTCMinutes() === 0 ? gate : Promise.resolve()) });
    const s = scheduler([job]);
    const first = s.tick(at("2031-05-11T06:00:01.000Z"));
    await waitUntil(() => runs.length === 1);
    expect(await s.tick(at("2031-05-11T06:01:01.000Z"))).toEqual([]);
    release();
    await first;
    // Same minute, next tick: the slot refused while busy starts now.
    const later = await s.tick(at("2031-05-11T06:01:11.000Z"));
    expect(later.map((o) => o.claimed && o.slot)).toEqual(["2031-05-11T06:01:00.000Z"]);
    expect(runs).toEqual(["2031-05-11T06:00:00.000Z", "2031-05-11T06:01:00.000Z"]);
  });

  it("ticks by itself once started, and stop() waits for the run under way and asks it to wrap up", async () => {
    let signalled = false;
    const { job, runs } = countingJob("* * * * *");
    job.run = async (_db, slot, { signal }) => {
      runs.push(slot.toISOString());
      await new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
      signalled = signal.aborted;
      return { stoppedEarly: true };
    };
    const s = new EmbeddedScheduler(async () => db(), { jobs: [job], tickMs: 20, now: () => at("2031-05-12T05:00:30.000Z") });
    s.start();
    expect(await waitUntil(() => runs.length === 1)).toBe(true);
    await s.stop();
    expect(signalled).toBe(true);
    const [row] = await rowsOf(job.id);
    expect(row).toMatchObject({ status: "succeeded", summary: { stoppedEarly: true } });
    // Stopped: no further tick claims anything.
    await sleep(60);
    expect(runs).toHaveLength(1);
  });

  it("is not running in tests unless a test starts it", async () => {
    // The process-wide scheduler is started by instrumentation (next start/dev) only.
    const holder = (globalThis as Record<string, unknown>).__portico_jobRunner as { scheduler?: unknown } | undefined;
    expect(holder?.scheduler ?? null).toBeNull();
    // And nothing outside this file's schedulers has claimed a registry slot in this database.
    const registry = await db().select().from(scheduledJobRuns).where(eq(scheduledJobRuns.job, "integration-health"));
    expect(registry).toEqual([]);
  });
});

describe("job run retention", () => {
  it("deletes runs older than 90 days but keeps each job's latest", async () => {
    // Before every other test's rows: only these are old enough.
    const now = at("2030-06-01T00:00:00.000Z");
    const old = (days: number) => new Date(now.getTime() - days * 86_400_000);
    const rows = [
      { job: "retention-a", slot: old(120), startedAt: old(120) },
      { job: "retention-a", slot: old(100), startedAt: old(100) },
      { job: "retention-a", slot: old(10), startedAt: old(10) },
      // A job that last ran long ago keeps that row: it is what says its slot ran.
      { job: "retention-b", slot: old(200), startedAt: old(200) },
      { job: "retention-b", slot: old(95), startedAt: old(95) },
    ];
    await db().insert(scheduledJobRuns).values(rows.map((r) => ({ ...r, status: "succeeded", runner: "t" })));
    expect(await pruneJobRuns(db(), now)).toEqual({ deleted: 3 });
    const left = await db()
      .select({ job: scheduledJobRuns.job, slot: scheduledJobRuns.slot })
      .from(scheduledJobRuns)
      .where(and(eq(scheduledJobRuns.status, "succeeded"), eq(scheduledJobRuns.runner, "t")))
      .orderBy(asc(scheduledJobRuns.job));
    expect(left).toEqual([
      { job: "retention-a", slot: old(10) },
      { job: "retention-b", slot: old(95) },
    ]);
  });
});

describe("a restart on an embedded database", () => {
  it("marks the runs the previous process left running failed, and leaves this runner's own alone", async () => {
    const slot = new Date("2026-12-01T10:00:00Z");
    const [old] = await db().insert(scheduledJobRuns).values({ job: "test-restart", slot, runner: "previous-process" }).returning();
    const [mine] = await db()
      .insert(scheduledJobRuns)
      .values({ job: "test-restart", slot: new Date(slot.getTime() + 60_000), runner: "this-process" })
      .returning();
    expect(await failInterruptedRuns(db(), "this-process")).toBe(1);
    const rows = await db().select().from(scheduledJobRuns).where(eq(scheduledJobRuns.job, "test-restart")).orderBy(asc(scheduledJobRuns.slot));
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      [old.id, "failed"],
      [mine.id, "running"],
    ]);
    expect(rows[0].error).toMatch(/stopped before it finished/);
    expect(rows[0].finishedAt).toBeInstanceOf(Date);
  });
});
