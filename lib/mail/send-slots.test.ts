import { describe, expect, it } from "vitest";
import { SendSlots } from "./send-slots";

describe("SendSlots", () => {
  it("lets `size` holders in at once and the rest in the order they came, as slots free up", async () => {
    const slots = new SendSlots(2);
    const order: string[] = [];
    const a = await slots.acquire();
    const b = await slots.acquire();
    const c = slots.acquire().then((release) => (order.push("c"), release));
    const d = slots.acquire().then((release) => (order.push("d"), release));
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]);
    expect(slots.busy).toBe(2);

    b();
    b(); // a second release of the same slot frees nothing more
    const releaseC = await c;
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(["c"]);
    expect(slots.busy).toBe(2);

    a();
    const releaseD = await d;
    expect(order).toEqual(["c", "d"]);
    releaseC();
    releaseD();
    expect(slots.busy).toBe(0);
  });
});
