import { describe, expect, it } from "vitest";
import { GroupCommit } from "./group-commit";

/** A write that records each batch and finishes when told to. */
function gatedWriter(fail: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const write = async (items: number[]) => {
    batches.push(items);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await new Promise<void>((r) => gates.push(r));
    inFlight--;
    if (items.some(fail)) throw new Error(`bad item in ${items.join(",")}`);
    return items.map((i) => i * 10);
  };
  const openAll = async () => {
    // Each write may start another when it ends: keep opening until none waits.
    for (let spins = 0; spins < 100; spins++) {
      await new Promise((r) => setTimeout(r, 0));
      gates.splice(0).forEach((g) => g());
    }
  };
  return { write, batches, openAll, maxInFlight: () => maxInFlight };
}

describe("GroupCommit", () => {
  it("writes an item at once and alone when nothing is running", async () => {
    const w = gatedWriter();
    const gc = new GroupCommit(w.write, { maxBatch: 10, maxInFlight: 1 });
    const p = gc.add(1);
    expect(w.batches).toEqual([[1]]);
    await w.openAll();
    expect(await p).toBe(10);
  });

  it("sends what arrived during a write together in the next one, each caller getting its own result", async () => {
    const w = gatedWriter();
    const gc = new GroupCommit(w.write, { maxBatch: 10, maxInFlight: 1 });
    const results = [1, 2, 3, 4, 5].map((i) => gc.add(i));
    expect(w.batches).toEqual([[1]]);
    await w.openAll();
    expect(await Promise.all(results)).toEqual([10, 20, 30, 40, 50]);
    expect(w.batches).toEqual([[1], [2, 3, 4, 5]]);
  });

  it("keeps batches within maxBatch and writes within maxInFlight", async () => {
    const w = gatedWriter();
    const gc = new GroupCommit(w.write, { maxBatch: 3, maxInFlight: 2 });
    const results = Array.from({ length: 10 }, (_, i) => gc.add(i));
    await w.openAll();
    expect(await Promise.all(results)).toEqual(Array.from({ length: 10 }, (_, i) => i * 10));
    expect(w.batches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 10 }, (_, i) => i));
    expect(Math.max(...w.batches.map((b) => b.length))).toBeLessThanOrEqual(3);
    expect(w.maxInFlight()).toBe(2);
  });

  it("when a batch fails, writes its items one by one: only the bad one fails", async () => {
    const w = gatedWriter((i) => i === 3);
    const gc = new GroupCommit(w.write, { maxBatch: 10, maxInFlight: 1 });
    const results = [1, 2, 3, 4].map((i) => gc.add(i).then((v) => ({ ok: v }), (err: Error) => ({ err: err.message })));
    await w.openAll();
    expect(await Promise.all(results)).toEqual([{ ok: 10 }, { ok: 20 }, { err: "bad item in 3" }, { ok: 40 }]);
    // [1] alone, then [2,3,4] together (failed), then each of them again.
    expect(w.batches.slice(0, 2)).toEqual([[1], [2, 3, 4]]);
    expect(w.batches.slice(2).sort()).toEqual([[2], [3], [4]]);
  });

  it("goes on after a failure: later items are written", async () => {
    const w = gatedWriter((i) => i === 1);
    const gc = new GroupCommit(w.write, { maxBatch: 10, maxInFlight: 1 });
    const first = gc.add(1).catch((err: Error) => err.message);
    await w.openAll();
    expect(await first).toBe("bad item in 1");
    const second = gc.add(2);
    await w.openAll();
    expect(await second).toBe(20);
  });
});
