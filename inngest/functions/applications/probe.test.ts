import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as checksRoute from "@/app/api/v1/applications/[id]/security-checks/route";
import { callRoute } from "@/lib/testing/call-route";
import { createApp, goodApplication, partnerOwner } from "@/lib/testing/application-fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { probesSettled, startProbes } from "@/lib/applications/check-runs";
import { PROBES_REQUESTED } from "../../events";
import { applicationProbes } from "./probe";

const db = useTestDb();

// A real partner server: healthy, and its webhook answers unsigned requests with 401.
let server: Server;
let base: string;
const seen: string[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(req.url === "/health" ? 200 : 401).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const checks = (id: string, cookie: string) => callRoute(checksRoute.GET, { path: `/api/v1/applications/${id}/security-checks`, params: { id }, cookie });

describe("application-probes (Inngest function)", () => {
  it("probes the version's URLs and turns its pending rows into results", async () => {
    const owner = await partnerOwner(db());
    const app = (await createApp(owner.cookie, goodApplication({ webhookUrl: `${base}/hooks`, healthCheckUrl: `${base}/health` }))).body;
    const target = { applicationId: app.id, versionId: app.currentVersion.id };
    await startProbes(db(), target);
    await probesSettled();
    // Pending again, as a request handed to Inngest leaves them.
    await db().execute(`update application_security_checks set status = 'pending' where version_id = '${target.versionId}'`);
    expect((await checks(app.id, owner.cookie)).body.running).toEqual(["health_check_responds", "webhook_rejects_unsigned"]);
    seen.length = 0;

    const engine = new InngestTestEngine({ function: applicationProbes, events: [{ name: PROBES_REQUESTED, data: target }] });
    const { result } = await engine.execute();
    expect(result).toEqual({ checks: ["health_check_responds:passed", "webhook_rejects_unsigned:passed"] });
    expect(seen.sort()).toEqual(["GET /health", "GET /hooks"]);
    const after = (await checks(app.id, owner.cookie)).body;
    expect(after.running).toEqual([]);
    expect(after.data.filter((c: { check: string }) => c.check.endsWith("_responds") || c.check.endsWith("_unsigned")).map((c: { status: string }) => c.status)).toEqual(["passed", "passed"]);
  });

  it("starts again probes whose runner was lost (pending for over 2 minutes) when their results are read", async () => {
    const owner = await partnerOwner(db());
    const app = (await createApp(owner.cookie, goodApplication({ healthCheckUrl: `${base}/health` }))).body;
    const target = { applicationId: app.id, versionId: app.currentVersion.id };
    await startProbes(db(), target);
    await probesSettled();
    await db().execute(`update application_security_checks set status = 'pending', created_at = now() - interval '1 minute' where version_id = '${target.versionId}'`);
    // Recent pending rows are left to their runner.
    expect((await checks(app.id, owner.cookie)).body.running).toHaveLength(2);
    await probesSettled();
    expect((await checks(app.id, owner.cookie)).body.running).toHaveLength(2);
    await db().execute(`update application_security_checks set created_at = now() - interval '3 minutes' where version_id = '${target.versionId}'`);
    seen.length = 0;
    await checks(app.id, owner.cookie);
    await probesSettled();
    expect(seen).toContain("GET /health");
    expect((await checks(app.id, owner.cookie)).body.running).toEqual([]);
  });

  it("rejects an event without ids instead of probing nothing", async () => {
    const engine = new InngestTestEngine({ function: applicationProbes, events: [{ name: PROBES_REQUESTED, data: { applicationId: "x" } }] });
    const { error } = await engine.execute();
    expect(error).toBeTruthy();
  });
});
