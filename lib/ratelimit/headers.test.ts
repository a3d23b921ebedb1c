import { describe, expect, it } from "vitest";
import { rateLimitHeaders } from "./headers";

describe("rateLimitHeaders", () => {
  it("sends limit, remaining and reset on an allowed request, without Retry-After", () => {
    expect(rateLimitHeaders({ allowed: true, limit: 1000, remaining: 998, resetSeconds: 1, retryAfterSeconds: 0 })).toEqual({
      "RateLimit-Limit": "1000",
      "RateLimit-Remaining": "998",
      "RateLimit-Reset": "1",
    });
  });

  it("adds Retry-After when the request is denied", () => {
    expect(rateLimitHeaders({ allowed: false, limit: 60, remaining: 0, resetSeconds: 60, retryAfterSeconds: 1 })).toEqual({
      "RateLimit-Limit": "60",
      "RateLimit-Remaining": "0",
      "RateLimit-Reset": "60",
      "Retry-After": "1",
    });
  });

  it("never tells a denied client to retry after 0 seconds", () => {
    const h = rateLimitHeaders({ allowed: false, limit: 60, remaining: 0, resetSeconds: 60, retryAfterSeconds: 0 });
    expect(h["Retry-After"]).toBe("1");
  });
});
