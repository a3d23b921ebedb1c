import { describe, expect, it } from "vitest";
import { beginDraining, isDraining, lifecyclePhase, markReady, onShutdown, runShutdown } from "./lifecycle";

// One process-wide registry, so one test walks the whole life: start, ready, stop.
describe("lifecycle", () => {
  it("runs the stop's stages in order, the HTTP drain alongside the first; a stage that hangs is reported and the later stages still run", async () => {
    expect(lifecyclePhase()).toBe("starting");
    markReady();
    expect(lifecyclePhase()).toBe("ready");

    const order: string[] = [];
    const step = (name: string, ms: number) => () => new Promise<void>((r) => setTimeout(() => (order.push(name), r()), ms));
    onShutdown("close", "database", step("database", 1));
    onShutdown("flush", "usage", step("usage", 1));
    // Another copy of the same module (Next evaluates one per bundle) registers again: ignored.
    onShutdown("flush", "usage", step("usage again", 1));
    onShutdown("work", "runner", step("runner", 30));
    onShutdown("work", "hangs", () => new Promise(() => {}));
    onShutdown("flush", "metrics", () => Promise.reject(new Error("disk full")));
    const removed = onShutdown("work", "removed", step("removed", 1));
    removed();

    let drainDeadline = 0;
    const t0 = Date.now();
    const report = runShutdown({
      deadline: t0 + 1000,
      alongsideWork: async (until) => {
        drainDeadline = until;
        await step("http", 10)();
      },
    });
    expect(isDraining()).toBe(true);
    // A second stop (a second signal) gets the same run.
    expect(runShutdown({ deadline: Date.now() })).toBe(report);
    const r = await report;
    // The drain and `work` end early enough to leave flush and close their reserve (a fifth, at most 3 s).
    expect(drainDeadline - t0).toBeGreaterThanOrEqual(790);
    expect(drainDeadline - t0).toBeLessThanOrEqual(810);
    expect(order).toEqual(["http", "runner", "usage", "database"]);
    expect(r).toEqual({ ok: false, failed: ["flush:metrics: disk full"], unfinished: ["work:hangs"] });
    expect(Date.now() - t0).toBeLessThan(1300);
    // A draining process never turns ready again.
    markReady();
    beginDraining();
    expect(lifecyclePhase()).toBe("draining");
  });
});
