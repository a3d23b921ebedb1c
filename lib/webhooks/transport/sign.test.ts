import { createHmac } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret, signPayload } from "./sign";

const body = JSON.stringify({ id: "evt_1", type: "partner.created", timestamp: "2025-01-01T00:00:00Z", data: { é: "✓" } });

describe("generateWebhookSecret", () => {
  it("is whsec_ + base64 of 32 random bytes", () => {
    const s = generateWebhookSecret();
    expect(s).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(s.slice(6), "base64")).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(s);
  });
});

describe("signPayload", () => {
  it("matches the Standard Webhooks reference vector", () => {
    const h = signPayload({
      secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
      msgId: "msg_p5jXN8AQM9LWM0D4loKWxJek",
      timestamp: new Date(1614265330_000),
      body: '{"test": 2432232314}',
    });
    expect(h).toEqual({
      "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
      "webhook-timestamp": "1614265330",
      "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    });
  });

  it("is the HMAC the contract describes: {id}.{timestamp}.{body} keyed with the decoded secret", () => {
    const secret = generateWebhookSecret();
    const at = new Date(1_700_000_000_999); // sub-second part is dropped
    const h = signPayload({ secrets: [secret], msgId: "evt_42", timestamp: at, body });
    const mac = createHmac("sha256", Buffer.from(secret.slice(6), "base64"))
      .update(`evt_42.1700000000.${body}`, "utf8")
      .digest("base64");
    expect(h["webhook-timestamp"]).toBe("1700000000");
    expect(h["webhook-signature"]).toBe(`v1,${mac}`);
  });

  it("signs with every secret during a rotation; each verifies with the library", () => {
    const current = generateWebhookSecret();
    const previous = generateWebhookSecret();
    const h = signPayload({ secrets: [current, previous], msgId: "evt_1", timestamp: new Date(), body });
    const parts = h["webhook-signature"].split(" ");
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => p.startsWith("v1,"))).toBe(true);
    expect(parts[0]).toBe(new Webhook(current).sign("evt_1", new Date(Number(h["webhook-timestamp"]) * 1000), body));
    for (const secret of [current, previous]) {
      expect(new Webhook(secret).verify(body, h)).toEqual(JSON.parse(body));
    }
    expect(() => new Webhook(generateWebhookSecret()).verify(body, h)).toThrow(/No matching signature/);
  });

  it("fails verification when the body, timestamp or id is tampered with", () => {
    const secret = generateWebhookSecret();
    const h = signPayload({ secrets: [secret], msgId: "evt_1", timestamp: new Date(), body });
    const wh = new Webhook(secret);
    expect(() => wh.verify(body.replace("evt_1", "evt_2"), h)).toThrow(/No matching signature/);
    expect(() => wh.verify(`${body} `, h)).toThrow(/No matching signature/);
    const ts = String(Number(h["webhook-timestamp"]) - 1);
    expect(() => wh.verify(body, { ...h, "webhook-timestamp": ts })).toThrow(/No matching signature/);
    expect(() => wh.verify(body, { ...h, "webhook-id": "evt_2" })).toThrow(/No matching signature/);
  });

  it("refuses to produce an unsigned delivery", () => {
    expect(() => signPayload({ secrets: [], msgId: "evt_1", timestamp: new Date(), body })).toThrow(/at least one secret/);
  });
});
