import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CreateApiKey } from "@/lib/keys/schemas";
import { SignUp } from "@/lib/partners/schemas";
import { asSentence, formErrorMap } from "./error-map";

const messages = (schema: z.ZodType, value: unknown) =>
  Object.fromEntries((schema.safeParse(value, { error: formErrorMap }).error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("formErrorMap", () => {
  it("words zod's defaults for a form, and leaves a schema's own message alone", () => {
    expect(messages(CreateApiKey, { name: "  ", scopes: [] })).toEqual({ name: "Required.", scopes: "choose at least one scope" });
    expect(messages(CreateApiKey, { name: "x".repeat(101), scopes: ["read:*"], ratelimitPerMinute: 1.5 })).toEqual({
      name: "Use at most 100 characters.",
      ratelimitPerMinute: "Enter a whole number.",
    });
  });

  it("says Required for a blank email, and what is wrong with a filled-in one", () => {
    const base = { name: "Kim", password: "correct-horse", partnerName: "Acme" };
    expect(messages(SignUp, { ...base, email: "" }).email).toBe("Required.");
    expect(messages(SignUp, { ...base, email: "kim@" }).email).toBe("Enter an email address, e.g. name@example.com.");
    expect(messages(SignUp, { ...base, email: "kim@example.com", password: "short" }).password).toBe("use at least 10 characters");
  });
});

describe("asSentence", () => {
  it("capitalises a fragment and ends it", () => {
    expect(asSentence("must be an absolute URL")).toBe("Must be an absolute URL.");
    expect(asSentence("Required.")).toBe("Required.");
    expect(asSentence("`to` must come later")).toBe("`to` must come later.");
  });
});
