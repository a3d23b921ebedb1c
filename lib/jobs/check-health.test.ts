import { afterEach, describe, expect, it } from "vitest";
import { setDbForTests } from "@/db";
import { resetConfigForTests } from "@/lib/config";
import * as healthRoute from "@/app/api/health/route";

describe("GET /api/health", () => {
  const saved = process.env.DATABASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
    resetConfigForTests();
    setDbForTests(undefined);
  });

  it("answers 503 naming the database when it is unreachable", async () => {
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/nowhere";
    resetConfigForTests();
    setDbForTests(undefined);
    const res = await healthRoute.GET();
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "error", db: "unreachable", jobs: "embedded" });
  });
});
