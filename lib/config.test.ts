import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config";

describe("config", () => {
  it("gives a working development default with nothing set", () => {
    const c = parseConfig({});
    expect(c.PGLITE_DIR).toBe(".data/pglite");
    expect(c.jobs).toBe("embedded");
    expect(c.WEBHOOK_RETRY_DELAYS).toEqual([0, 120, 240, 480, 960]);
    expect(c.WEBHOOK_ALLOW_PRIVATE_URLS).toBe(true);
    expect(c.OAUTH_TOKEN_LIFETIME).toBe(3600);
  });
  it("names the variable when a value is bad", () => {
    expect(() => parseConfig({ PORT: "seventy" })).toThrow(/PORT/);
    expect(() => parseConfig({ WEBHOOK_RETRY_DELAYS: "0,2,x" })).toThrow(/WEBHOOK_RETRY_DELAYS/);
    expect(() => parseConfig({ APP_ENCRYPTION_KEY: "c2hvcnQ=" })).toThrow(/APP_ENCRYPTION_KEY.*32/);
  });
  it("requires real secrets in production", () => {
    expect(() => parseConfig({ NODE_ENV: "production" })).toThrow(ConfigError);
    const err = (() => {
      try {
        parseConfig({ NODE_ENV: "production" });
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(err).toMatch(/AUTH_SECRET/);
    expect(err).toMatch(/APP_ENCRYPTION_KEY/);
  });
  it("refuses private webhook URLs by default in production", () => {
    const c = parseConfig({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), APP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64") });
    expect(c.WEBHOOK_ALLOW_PRIVATE_URLS).toBe(false);
  });
  it("trusts no proxy unless TRUST_PROXY names how many hops", () => {
    expect(parseConfig({}).TRUST_PROXY).toBe(0);
    expect(parseConfig({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(() => parseConfig({ TRUST_PROXY: "-1" })).toThrow(/TRUST_PROXY/);
    expect(() => parseConfig({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY/);
    expect(() => parseConfig({ TRUST_PROXY: "1.5" })).toThrow(/TRUST_PROXY/);
  });
  it("sends mail over SMTP only with an smtp: or smtps: SMTP_URL", () => {
    expect(parseConfig({}).SMTP_URL).toBeUndefined();
    expect(parseConfig({}).MAIL_FROM).toBe("Portico <no-reply@portico.test>");
    expect(parseConfig({ SMTP_URL: "smtps://user:pass@mail.example.com:465" }).SMTP_URL).toBe("smtps://user:pass@mail.example.com:465");
    expect(parseConfig({ SMTP_URL: "smtp://127.0.0.1:2525", MAIL_FROM: "Ops <ops@example.com>" }).MAIL_FROM).toBe("Ops <ops@example.com>");
    expect(() => parseConfig({ SMTP_URL: "https://mail.example.com" })).toThrow(/SMTP_URL.*smtp/);
    expect(() => parseConfig({ SMTP_URL: "mail.example.com" })).toThrow(/SMTP_URL/);
  });
  it("in production with SMTP_URL, needs APP_URL and MAIL_FROM named explicitly", () => {
    const prod = { NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), APP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"), SMTP_URL: "smtps://mail.example.com" };
    const message = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return "";
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
    };
    const both = message(prod);
    expect(both).toMatch(/APP_URL: is required in production when SMTP_URL is set/);
    expect(both).toMatch(/MAIL_FROM: is required in production when SMTP_URL is set/);
    expect(message({ ...prod, APP_URL: "https://portal.example.com" })).not.toMatch(/APP_URL/);
    expect(message({ ...prod, APP_URL: "https://portal.example.com" })).toMatch(/MAIL_FROM/);
    expect(message({ ...prod, MAIL_FROM: "Portal <portal@example.com>" })).toMatch(/APP_URL/);
    const c = parseConfig({ ...prod, APP_URL: "https://portal.example.com/", MAIL_FROM: "Portal <portal@example.com>" });
    expect(c).toMatchObject({ APP_URL: "https://portal.example.com", MAIL_FROM: "Portal <portal@example.com>" });
    // Without SMTP mail only reaches the in-app outbox: the development defaults do no harm there.
    expect(parseConfig({ ...prod, SMTP_URL: "" }).MAIL_FROM).toBe("Portico <no-reply@portico.test>");
    // Outside production the defaults stand in, SMTP or not (a local relay such as Mailpit).
    expect(parseConfig({ SMTP_URL: "smtp://127.0.0.1:1025" })).toMatchObject({ APP_URL: "http://localhost:3000", MAIL_FROM: "Portico <no-reply@portico.test>" });
  });
  it("switches jobs to Inngest when it is configured", () => {
    expect(parseConfig({ INNGEST_DEV: "1" }).jobs).toBe("inngest");
  });
});
