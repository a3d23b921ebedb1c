import { describe, expect, it } from "vitest";
import { runFormSchema } from "./run-form-schema";

const now = new Date("2026-12-05T10:00:00Z");
const P1 = "5b0e0a4e-6a4f-4d59-9f1e-0d5c3f7f1a01";

describe("runFormSchema", () => {
  it("sends the period, and the partner only when one is chosen", () => {
    expect(runFormSchema(now).parse({ period: "2026-11", partnerId: "" })).toEqual({ period: "2026-11" });
    expect(runFormSchema(now).parse({ period: "2026-10", partnerId: P1 })).toEqual({ period: "2026-10", partnerId: P1 });
  });

  it("refuses a month still open, and anything that is not a month", () => {
    const message = (v: { period: string; partnerId: string }) => runFormSchema(now).safeParse(v).error?.issues.map((i) => i.message);
    expect(message({ period: "2026-12", partnerId: "" })).toEqual(["Choose a closed month: Nov 2026 or earlier."]);
    expect(message({ period: "2027-01", partnerId: "" })).toEqual(["Choose a closed month: Nov 2026 or earlier."]);
    expect(message({ period: "", partnerId: "" })).toEqual(["Choose a month."]);
    expect(message({ period: "2026-11", partnerId: "not-an-id" })?.length).toBe(1);
  });
});
