import { describe, expect, it } from "vitest";
import { beginDraining, isDraining, lifecyclePhase, markReady, onShutdown, runShutdown } from "./lifecycle";

// One process-wide registry, so one test walks the whole life: start, ready, stop.
describe("lifecycle", () => {
  it("runs the stop's stages in order, the HTTP drain alongside the first, and reports what did not finish by the deadline", async () => {
    expect(lifecyclePhase()).toBe("starting");
    markReady();
    expect(lifecyclePhase()).toBe("ready");

    const order: string[] = [];
    const step = (name: string, ms: number) => () => new Promise<void>((r) => setTimeout(() => (order.push(name), r()), ms));
    onShutdown("close", "database", step("database", 1));
    onShutdown("flush", "usage", step("usage", 1));
    onShutdown("work", "runner", step("runner", 30));
    onShutdown("flush", "metrics", () => Promise.reject(new Error("disk full")));
    const removed = onShutdown("work", "removed", step("removed", 1));
    removed();
    onShutdown("close", "hangs", () => new Promise(() => {}));

    const report = runShutdown({ deadline: Date.now() + 400, alongsideWork: step("http", 10) });
    expect(isDraining()).toBe(true);
    // A second stop (a second signal) gets the same run.
    expect(runShutdown({ deadline: Date.now() })).toBe(report);
    const r = await report;
    expect(order).toEqual(["http", "runner", "usage", "database"]);
    expect(r).toEqual({ ok: false, failed: ["flush:metrics: disk full"], unfinished: ["close:hangs"] });
    // A draining process never turns ready again.
    markReady();
    beginDraining();
    expect(lifecyclePhase()).toBe("draining");
  });
});
