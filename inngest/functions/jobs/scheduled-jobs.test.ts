import { InngestTestEngine } from "@inngest/test";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { scheduledJobRuns } from "@/db/schema";
import type { ScheduledJob } from "@/lib/jobs/scheduled-job";
import { scheduledJobs } from "@/lib/jobs/schedules";
import { useTestDb } from "@/lib/testing/test-db";
import { scheduledJobFunction, scheduledJobFunctions } from "./scheduled-jobs";

const db = useTestDb();

/** The event Inngest sends for a cron trigger, fired at `ts`. */
const timer = (cron: string, ts: number) => [{ name: "inngest/scheduled.timer", data: { cron }, ts }] as [{ name: string; data: { cron: string }; ts: number }];

/** A fresh engine per execution: what one firing of the cron would run. */
function fire(fn: ReturnType<typeof scheduledJobFunction>, cron: string, ts: number) {
  return new InngestTestEngine({ function: fn, events: timer(cron, ts) }).execute();
}

const rowsOf = (job: string) => db().select().from(scheduledJobRuns).where(eq(scheduledJobRuns.job, job)).orderBy(asc(scheduledJobRuns.slot));

describe("scheduled job cron functions (Inngest)", () => {
  it("has one cron function per registered job, with its cron", () => {
    // A job with a function of its own (billing-monthly: inngest/functions/billing) has no generic one.
    const generic = scheduledJobs.filter((j) => j.inngest !== "own");
    expect(scheduledJobFunctions.map((f) => f.id())).toEqual(generic.map((j) => `scheduled-${j.id}`));
    expect(scheduledJobFunctions.map((f) => (f.opts.triggers as { cron: string }[])[0].cron)).toEqual(generic.map((j) => j.cron));
  });

  it("runs the health-check job for the slot it fired for and records the run", async () => {
    const fn = scheduledJobFunctions.find((f) => f.id() === "scheduled-integration-health")!;
    // Fired a hair after the minute (as Inngest does); the slot is the minute itself.
    const slot = Date.UTC(2031, 6, 1, 9, 30);
    const { result } = await fire(fn, "* * * * *", slot + 420);
    expect(result).toMatchObject({ job: "integration-health", slot: new Date(slot).toISOString(), claimed: true, status: "succeeded", summary: { checked: 0 } });
    const [row] = await rowsOf("integration-health");
    expect(row).toMatchObject({ slot: new Date(slot), status: "succeeded", runner: "inngest", error: null });
    expect(row.finishedAt).not.toBeNull();
  });

  it("runs a slot once even when the trigger fires twice (or a hair early), and records a failing job as failed", async () => {
    let calls = 0;
    const job: ScheduledJob = {
      id: "inngest-test-flaky",
      cron: "*/5 * * * *",
      description: "test",
      run: async (_db, slot) => {
        calls++;
        if (slot.getUTCMinutes() === 5) throw new Error("upstream said no");
        return { ok: true };
      },
    };
    const fn = scheduledJobFunction(job);
    const slot = Date.UTC(2031, 6, 2, 10, 0);
    const first = await fire(fn, job.cron, slot + 50);
    const again = await fire(fn, job.cron, slot + 900);
    const early = await fire(fn, job.cron, slot - 300);
    expect(first.result).toMatchObject({ claimed: true, status: "succeeded", summary: { ok: true } });
    expect(again.result).toEqual({ job: job.id, slot: new Date(slot).toISOString(), claimed: false });
    expect(early.result).toEqual({ job: job.id, slot: new Date(slot).toISOString(), claimed: false });
    expect(calls).toBe(1);

    const failing = await fire(fn, job.cron, slot + 5 * 60_000 + 10);
    expect(failing.error).toBeUndefined();
    expect(failing.result).toMatchObject({ claimed: true, status: "failed", error: expect.stringContaining("upstream said no") });
    expect((await rowsOf(job.id)).map((r) => [r.slot.toISOString(), r.status, r.runner])).toEqual([
      [new Date(slot).toISOString(), "succeeded", "inngest"],
      [new Date(slot + 5 * 60_000).toISOString(), "failed", "inngest"],
    ]);
    expect(calls).toBe(2);
  });
});
