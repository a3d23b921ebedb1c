import { describe, expect, it } from "vitest";
import { newRequestId } from "./request-id";

describe("newRequestId", () => {
  it("gives distinct req_ ids of 12 random bytes, across refills of its pool", () => {
    const ids = Array.from({ length: 5_000 }, newRequestId);
    for (const id of ids) expect(id).toMatch(/^req_[A-Za-z0-9_-]{16}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
