import { z } from "zod";

// Every environment variable Portico reads, parsed once. A bad value stops
// start-up with a message naming the variable (see CONTRACT.md).
const bool = z
  .enum(["1", "0", "true", "false", "yes", "no", ""])
  .transform((v) => v === "1" || v === "true" || v === "yes");

const seconds = z.coerce.number().int().nonnegative();

const DEV_AUTH_SECRET = "portico-dev-auth-secret-change-me-in-production";
// 32 zero-ish bytes would be weak; this is a fixed, documented dev-only key.
const DEV_ENCRYPTION_KEY = Buffer.from("portico-dev-encryption-key-32byt").toString("base64");
const DEV_MAIL_FROM = "Portico <no-reply@portico.test>";

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.url().optional(),
    PGLITE_DIR: z.string().min(1).default(".data/pglite"),
    // Not in the contract: PGlite runs on a thread of its own unless this is false.
    PGLITE_THREAD: bool.optional(),
    REDIS_URL: z.url().optional(),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    AUTH_SECRET: z.string().min(16).optional(),
    APP_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 random bytes, base64-encoded")
      .optional(),
    APP_URL: z.url().optional(),
    OAUTH_ISSUER: z.url().optional(),
    OAUTH_TOKEN_LIFETIME: seconds.default(3600),
    OAUTH_REFRESH_TOKEN_LIFETIME: seconds.default(2592000),
    DEFAULT_RATE_LIMIT: z.coerce.number().int().positive().default(1000),
    PREMIUM_RATE_LIMIT: z.coerce.number().int().positive().default(10000),
    WEBHOOK_MAX_RETRIES: z.coerce.number().int().min(1).max(50).default(5),
    WEBHOOK_RETRY_DELAYS: z
      .string()
      .regex(/^\s*\d+(\s*,\s*\d+)*\s*$/, "must be a comma-separated list of seconds")
      .default("0,120,240,480,960")
      .transform((v) => v.split(",").map((s) => Number(s.trim()))),
    WEBHOOK_ALLOW_PRIVATE_URLS: bool.optional(),
    // Not in the contract (15 s there); lowered only by the chaos test to keep it short.
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
    // Not in the contract: the embedded runner signs and sends on a worker thread unless this is false.
    WEBHOOK_SENDER_THREAD: bool.optional(),
    INVOICE_DUE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
    PAYOUT_MINIMUM_CENTS: z.coerce.number().int().min(0).max(100_000_000).default(2500),
    INNGEST_EVENT_KEY: z.string().min(1).optional(),
    INNGEST_SIGNING_KEY: z.string().min(1).optional(),
    INNGEST_BASE_URL: z.url().optional(),
    INNGEST_DEV: z.string().min(1).optional(),
    SEED_DEMO: bool.optional(),
    // How many proxies in front of the app append to X-Forwarded-For. 0: the header
    // (and X-Real-IP) is ignored, since any caller can set it.
    TRUST_PROXY: z.coerce.number().int().min(0).max(20).default(0),
    // Unset: mail stays in the in-app outbox (/admin/outbox). smtps: is TLS from the
    // first byte (port 465); smtp: upgrades with STARTTLS when the server offers it.
    SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
    // Optional here so production can tell "unset" from the dev default (see below).
    MAIL_FROM: z.string().min(3).optional(),
    // Seconds a stopping server (SIGTERM) gives requests in flight, the job runner and the meters before it exits anyway.
    SHUTDOWN_TIMEOUT: z.coerce.number().int().min(1).max(600).default(25),
    // Load shedding (lib/server/load-shedder.ts): past either, requests are answered 503 + Retry-After at once.
    SHED_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(100_000).default(256),
    SHED_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  })
  .transform((c, ctx) => {
    const production = c.NODE_ENV === "production";
    if (production && !c.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required in production" });
    }
    if (production && !c.APP_ENCRYPTION_KEY) {
      ctx.addIssue({ code: "custom", path: ["APP_ENCRYPTION_KEY"], message: "is required in production" });
    }
    // Real mail must link to the real site and come from a real sender: the
    // localhost URL and the .test address that serve development would reach
    // people's inboxes as dead links from an address nobody can answer.
    if (production && c.SMTP_URL && !c.APP_URL) {
      ctx.addIssue({ code: "custom", path: ["APP_URL"], message: "is required in production when SMTP_URL is set (mail links to it)" });
    }
    if (production && c.SMTP_URL && !c.MAIL_FROM) {
      ctx.addIssue({ code: "custom", path: ["MAIL_FROM"], message: "is required in production when SMTP_URL is set (the sender of every mail)" });
    }
    const port = c.PORT;
    const appUrl = (c.APP_URL ?? `http://localhost:${port}`).replace(/\/$/, "");
    return {
      ...c,
      production,
      AUTH_SECRET: c.AUTH_SECRET ?? DEV_AUTH_SECRET,
      APP_ENCRYPTION_KEY: c.APP_ENCRYPTION_KEY ?? DEV_ENCRYPTION_KEY,
      APP_URL: appUrl,
      MAIL_FROM: c.MAIL_FROM ?? DEV_MAIL_FROM,
      OAUTH_ISSUER: (c.OAUTH_ISSUER ?? appUrl).replace(/\/$/, ""),
      WEBHOOK_ALLOW_PRIVATE_URLS: c.WEBHOOK_ALLOW_PRIVATE_URLS ?? !production,
      jobs: c.INNGEST_EVENT_KEY || c.INNGEST_BASE_URL || c.INNGEST_DEV ? ("inngest" as const) : ("embedded" as const),
    };
  });

export type Config = z.output<typeof ConfigSchema>;

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // Empty strings mean "unset", as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = ConfigSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new ConfigError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Tests change env between cases; they call this to re-read it. */
export function resetConfigForTests() {
  cached = undefined;
}
