import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { decodeCursor, encodeCursor, toPage } from "./cursor";

const id = "6f1c2c1e-4b7a-4c1e-9a55-0d2f8f0b9a11";
const forge = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");

function decodeError(cursor: string): DomainError {
  try {
    decodeCursor(cursor);
  } catch (e) {
    return e as DomainError;
  }
  throw new Error(`cursor ${cursor} decoded`);
}

describe("cursor", () => {
  it("round-trips a row's created_at and id", () => {
    const at = new Date("2025-03-04T05:06:07.089Z");
    const cursor = encodeCursor(at, id);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/); // safe in a query string as is
    expect(decodeCursor(cursor)).toEqual({ t: "2025-03-04T05:06:07.089Z", id });
  });

  it("keeps millisecond precision, so rows in the same second stay apart", () => {
    const a = decodeCursor(encodeCursor(new Date(Date.UTC(2025, 0, 1, 0, 0, 0, 1)), id));
    const b = decodeCursor(encodeCursor(new Date(Date.UTC(2025, 0, 1, 0, 0, 0, 2)), id));
    expect(a.t).not.toBe(b.t);
  });

  it.each([
    ["plain garbage", "garbage"],
    ["not base64url", "%%%"],
    ["empty", ""],
    ["JSON null", forge(null)],
    ["a JSON string", forge("x")],
    ["no id", forge({ t: "2025-01-01T00:00:00.000Z" })],
    ["no time", forge({ id })],
    ["an id that is not a uuid", forge({ t: "2025-01-01T00:00:00.000Z", id: "1; drop table partners" })],
    ["an id of 36 dashes", forge({ t: "2025-01-01T00:00:00.000Z", id: "-".repeat(36) })],
    ["a time that is not a date", forge({ t: "yesterday", id })],
    ["a time Postgres cannot store", forge({ t: "+275760-09-13T00:00:00.000Z", id })],
    ["year zero", forge({ t: "0000-01-01T00:00:00.000Z", id })],
    ["an impossible day", forge({ t: "2025-02-30T00:00:00.000Z", id })],
  ])("rejects %s with a DomainError naming `cursor`", (_label, cursor) => {
    const err = decodeError(cursor);
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe("INVALID_REQUEST");
    expect(err.status).toBe(400);
    expect(err.errors).toEqual([{ path: "cursor", message: expect.any(String) }]);
  });

  it("pages limit+1 rows into limit rows and a cursor pointing at the last one shown", () => {
    const rows = [3, 2, 1].map((n) => ({ id: `00000000-0000-4000-8000-00000000000${n}`, createdAt: new Date(Date.UTC(2025, 0, n)) }));
    const page = toPage(rows, 2);
    expect(page.data).toEqual(rows.slice(0, 2));
    expect(decodeCursor(page.nextCursor!)).toEqual({ t: rows[1].createdAt.toISOString(), id: rows[1].id });
    expect(toPage(rows.slice(0, 2), 2).nextCursor).toBeNull();
    expect(toPage([], 2)).toEqual({ data: [], nextCursor: null });
  });
});
