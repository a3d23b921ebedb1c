import { describe, expect, it } from "vitest";
import { useTestDb } from "@/lib/testing/test-db";
import { beginDraining, markReady } from "@/lib/server/lifecycle";
import * as readyRoute from "@/app/api/health/ready/route";

// The phase is process-wide: one test walks starting → ready → draining.
describe("GET /api/health/ready", () => {
  useTestDb();

  it("is 503 while starting, 200 once ready with the database answering, and 503 from the moment draining begins", async () => {
    let res = await readyRoute.GET();
    expect(res.status).toBe(503);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toMatchObject({ status: "starting" });

    markReady();
    res = await readyRoute.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", db: "ok", jobs: "embedded" });

    beginDraining();
    res = await readyRoute.GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "draining" });
    // Liveness is another question: the process is alive while it drains.
    const { GET: health } = await import("@/app/api/health/route");
    expect((await health()).status).toBe(200);
  });
});
