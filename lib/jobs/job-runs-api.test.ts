import { describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/v1/jobs/route";
import * as runsRoute from "@/app/api/v1/jobs/runs/route";
import { scheduledJobRuns } from "@/db/schema";
import { callRoute } from "@/lib/testing/call-route";
import { createPartner, createUser, sessionCookie } from "@/lib/testing/fixtures";
import { describeSecurity } from "@/lib/testing/security-cases";
import { useTestDb } from "@/lib/testing/test-db";
import { nextSlot } from "./scheduled-job";
import { scheduledJobs } from "./schedules";

const db = useTestDb();

const adminCookie = async () => sessionCookie((await createUser(db(), { admin: true })).id);
const runs = (cookie: string, qs = "") => callRoute(runsRoute.GET, { path: `/api/v1/jobs/runs${qs}`, cookie });

describe("GET /jobs/runs", () => {
  it("lists runs newest first with duration, summary and error; filters by job and status; pages", async () => {
    const t = (m: number) => new Date(Date.UTC(2031, 0, 1, 12, m));
    await db()
      .insert(scheduledJobRuns)
      .values([
        { job: "integration-health", slot: t(0), status: "succeeded", runner: "a", startedAt: t(0), finishedAt: new Date(t(0).getTime() + 1500), summary: { checked: 4 } },
        { job: "integration-health", slot: t(1), status: "failed", runner: "b", startedAt: t(1), finishedAt: t(2), error: "boom" },
        { job: "integration-health-retention", slot: t(2), status: "running", runner: "a", startedAt: t(2) },
      ]);
    const cookie = await adminCookie();
    const all = await runs(cookie);
    expect(all.status, all.text).toBe(200);
    expect(all.body.data.map((r: { slot: string }) => r.slot)).toEqual([t(2), t(1), t(0)].map((d) => d.toISOString()));
    expect(all.body.data[2]).toEqual({
      id: expect.any(String),
      job: "integration-health",
      slot: t(0).toISOString(),
      status: "succeeded",
      runner: "a",
      startedAt: t(0).toISOString(),
      finishedAt: new Date(t(0).getTime() + 1500).toISOString(),
      durationMs: 1500,
      summary: { checked: 4 },
      error: null,
    });
    expect(all.body.data[0]).toMatchObject({ status: "running", finishedAt: null, durationMs: null });

    const health = await runs(cookie, "?job=integration-health");
    expect(health.body.data.map((r: { status: string }) => r.status)).toEqual(["failed", "succeeded"]);
    const failed = await runs(cookie, "?status=failed");
    expect(failed.body.data).toEqual([expect.objectContaining({ job: "integration-health", error: "boom" })]);

    const page1 = await runs(cookie, "?limit=2");
    expect(page1.body.data).toHaveLength(2);
    const page2 = await runs(cookie, `?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body).toEqual({ data: [expect.objectContaining({ slot: t(0).toISOString() })], nextCursor: null });

    expect((await runs(cookie, "?status=stuck")).status).toBe(422);
  });
});

describe("GET /jobs", () => {
  it("lists every registered job with its cron, next slot and latest run", async () => {
    const latest = new Date(Date.UTC(2031, 1, 1, 8, 0));
    await db()
      .insert(scheduledJobRuns)
      .values([
        { job: "integration-health", slot: new Date(Date.UTC(2031, 1, 1, 7, 59)), status: "succeeded", runner: "a", startedAt: new Date(Date.UTC(2031, 1, 1, 7, 59)) },
        { job: "integration-health", slot: latest, status: "failed", runner: "a", startedAt: latest, error: "boom" },
      ]);
    const res = await callRoute(jobsRoute.GET, { path: "/api/v1/jobs", cookie: await adminCookie() });
    expect(res.status, res.text).toBe(200);
    expect(res.body.mode).toBe("embedded");
    expect(res.body.data.map((j: { id: string }) => j.id)).toEqual(scheduledJobs.map((j) => j.id));
    const health = res.body.data.find((j: { id: string }) => j.id === "integration-health");
    expect(health).toMatchObject({ cron: "* * * * *", lastRun: { slot: latest.toISOString(), status: "failed", error: "boom" } });
    const next = new Date(health.nextSlot).getTime();
    expect(next).toBeGreaterThan(Date.now() - 5_000);
    expect(next).toBeLessThanOrEqual(nextSlot("* * * * *", new Date())!.getTime() + 60_000);
    const retention = res.body.data.find((j: { id: string }) => j.id === "scheduled-job-runs-retention");
    expect(retention.lastRun).toBeNull();
  });
});

for (const [name, handler, path] of [
  ["GET /jobs/runs", runsRoute.GET, "/api/v1/jobs/runs"],
  ["GET /jobs", jobsRoute.GET, "/api/v1/jobs"],
] as const) {
  describeSecurity(db, {
    name,
    handler,
    method: "GET",
    setup: async (d) => {
      const p = await createPartner(d);
      return { tenant: { kind: "partner", id: p.id, name: p.name, slug: p.slug } };
    },
    path: () => path,
    okStatus: 200,
    adminOnly: true,
    denied: [
      { actor: "customer", status: 403, code: "FORBIDDEN" },
      { actor: "api_key:read:*", status: 403, code: "FORBIDDEN" },
    ],
  });
}
