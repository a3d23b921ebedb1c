import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import * as keysRoute from "@/app/api/v1/keys/route";
import * as keyRoute from "@/app/api/v1/keys/[id]/route";
import * as keyUsageRoute from "@/app/api/v1/keys/[id]/usage/route";
import * as billingUsageRoute from "@/app/api/v1/billing/usage/route";
import * as meRoute from "@/app/api/v1/me/route";
import type { Db } from "@/db";
import { apiKeys, usageCounters } from "@/db/schema";
import { clearKeyCache } from "@/lib/keys/key-cache";
import { MemoryRateLimitStore } from "@/lib/ratelimit/memory-store";
import { setRateLimiterForTests } from "@/lib/ratelimit/rate-limiter";
import { callRoute } from "@/lib/testing/call-route";
import { createApiKey, createPartnerWithMember, sessionCookie } from "@/lib/testing/fixtures";
import { useTestDb } from "@/lib/testing/test-db";
import { flushUsage } from "./meter";
import { UsageMeter, type MeteredCall } from "./usage-meter";

const db = useTestDb();

beforeAll(() => setRateLimiterForTests(new MemoryRateLimitStore()));
afterAll(() => setRateLimiterForTests(undefined));
afterEach(() => clearKeyCache());

const today = () => new Date().toISOString().slice(0, 10);

type Auth = { cookie?: string; bearer?: string };
const me = (auth: Auth) => callRoute(meRoute.GET, { path: "/api/v1/me", ...auth });
const listKeys = (auth: Auth) => callRoute(keysRoute.GET, { path: "/api/v1/keys", ...auth });
const getKey = (auth: Auth, id: string) => callRoute(keyRoute.GET, { path: `/api/v1/keys/${id}`, params: { id }, ...auth });
const billing = (auth: Auth, query = "") => callRoute(billingUsageRoute.GET, { path: `/api/v1/billing/usage${query}`, ...auth });
const keyUsage = (auth: Auth, id: string) => callRoute(keyUsageRoute.GET, { path: `/api/v1/keys/${id}/usage`, params: { id }, ...auth });

type UsageDay = { day: string; calls: number; success: number; clientErrors: number; serverErrors: number };

function todayOf(series: { days: UsageDay[] }): UsageDay {
  const d = series.days.find((x) => x.day === today());
  expect(d, `no entry for ${today()}`).toBeDefined();
  return d!;
}

async function partner() {
  const { partner: p, user } = await createPartnerWithMember(db());
  return { partner: p, cookie: await sessionCookie(user.id) };
}

describe("usage metering through the API", () => {
  it("counts every API-key call once, split by status class, key and route group; usage calls by session are not counted", async () => {
    const { partner: p, cookie } = await partner();
    const reader = await createApiKey(db(), p.id, { scopes: ["read:keys"], name: "reader" });
    const other = await createApiKey(db(), p.id, { scopes: ["read:*"], name: "other" });
    const unused = await createApiKey(db(), p.id, { name: "unused" });
    // Another partner's traffic must not show up in this partner's usage.
    const stranger = await partner();
    const strangerKey = await createApiKey(db(), stranger.partner.id, { scopes: ["read:*"] });

    const statuses: number[] = [];
    const call = async (p: Promise<{ status: number }>) => statuses.push((await p).status);
    for (let i = 0; i < 3; i++) await call(me({ bearer: reader.key })); // me: 200
    for (let i = 0; i < 2; i++) await call(listKeys({ bearer: reader.key })); // keys: 200
    for (let i = 0; i < 2; i++) await call(getKey({ bearer: reader.key }, randomUUID())); // keys: 404
    for (let i = 0; i < 2; i++) await call(billing({ bearer: reader.key })); // billing: 403 (no read:billing)
    await call(callRoute(keysRoute.POST, { path: "/api/v1/keys", bearer: reader.key, body: { name: "x", scopes: ["read:keys"] } })); // keys: 403
    expect(statuses).toEqual([200, 200, 200, 200, 200, 404, 404, 403, 403, 403]);
    expect((await me({ bearer: other.key })).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await me({ bearer: strangerKey.key })).status).toBe(200);
    // Session calls, including to the same routes, are not metered.
    for (let i = 0; i < 3; i++) {
      expect((await me({ cookie })).status).toBe(200);
      expect((await listKeys({ cookie })).status).toBe(200);
    }
    const started = Date.now();
    await flushUsage();

    const one = await keyUsage({ cookie }, reader.id);
    expect(one.status, one.text).toBe(200);
    expect(todayOf(one.body)).toEqual({ day: today(), calls: 10, success: 5, clientErrors: 5, serverErrors: 0 });
    expect(one.body.totals).toEqual({ calls: 10, errors: 5, errorRate: 0.5 });

    const all = await billing({ cookie });
    expect(all.status, all.text).toBe(200);
    expect(todayOf(all.body)).toEqual({ day: today(), calls: 11, success: 6, clientErrors: 5, serverErrors: 0 });
    expect(all.body.totals.calls).toBe(11);
    const byKey = Object.fromEntries(
      all.body.byKey.map((k: { keyId: string; name: string; days: Array<{ day: string; calls: number }> }) => [
        k.keyId,
        { name: k.name, today: k.days.find((d) => d.day === today())?.calls },
      ]),
    );
    expect(byKey).toEqual({ [reader.id]: { name: "reader", today: 10 }, [other.id]: { name: "other", today: 1 } });
    expect(all.body.byRouteGroup).toEqual([
      { routeGroup: "keys", calls: 5 },
      { routeGroup: "me", calls: 4 },
      { routeGroup: "billing", calls: 2 },
    ]);

    // Filters: one key, one route group.
    expect((await billing({ cookie }, `?keyId=${reader.id}`)).body.totals.calls).toBe(10);
    expect((await billing({ cookie }, "?routeGroup=billing")).body.totals).toMatchObject({ calls: 2, errors: 2 });

    // The reading above was all by session: flushing again adds nothing.
    await flushUsage();
    expect((await billing({ cookie })).body.totals.calls).toBe(11);
    // The stranger sees its own 4 and nothing of ours.
    const theirs = await billing({ cookie: stranger.cookie });
    expect(theirs.body.totals.calls).toBe(4);
    expect(theirs.text).not.toContain(reader.id);

    // lastUsedAt is set on used keys, and only on them.
    const used = await getKey({ cookie }, reader.id);
    expect(used.body.lastUsedAt).not.toBeNull();
    expect(Date.parse(used.body.lastUsedAt)).toBeGreaterThan(started - 60_000);
    expect(Date.parse(used.body.lastUsedAt)).toBeLessThanOrEqual(Date.now());
    expect((await getKey({ cookie }, unused.id)).body.lastUsedAt).toBeNull();
  });

  it("counts nothing for a partner whose members only use the portal (session calls)", async () => {
    const { cookie } = await partner();
    for (let i = 0; i < 5; i++) {
      expect((await me({ cookie })).status).toBe(200);
      expect((await listKeys({ cookie })).status).toBe(200);
      expect((await billing({ cookie })).status).toBe(200);
    }
    await flushUsage();
    const res = await billing({ cookie });
    expect(res.body.totals.calls).toBe(0);
    expect(res.body.byRouteGroup).toEqual([]);
    expect(res.body.byKey).toEqual([]);
  });

  it("loses no increment under 500 concurrent calls, with flushes running in between", async () => {
    const { partner: p, cookie } = await partner();
    const key = await createApiKey(db(), p.id, { scopes: ["read:keys"] });
    const calls: Array<Promise<unknown>> = [];
    const statuses: number[] = [];
    for (let i = 0; i < 500; i++) {
      calls.push(me({ bearer: key.key }).then((r) => statuses.push(r.status)));
      if (i % 100 === 50) calls.push(flushUsage());
    }
    await Promise.all(calls);
    await flushUsage();
    expect(statuses).toHaveLength(500);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const res = await keyUsage({ cookie }, key.id);
    expect(todayOf(res.body).calls).toBe(500);
    expect(res.body.totals.calls).toBe(500);
  });
});

describe("UsageMeter", () => {
  const counted = async (credentialId: string) => {
    const rows = await db()
      .select({ statusClass: usageCounters.statusClass, n: sql<number>`sum(${usageCounters.count})::int`.mapWith(Number) })
      .from(usageCounters)
      .where(eq(usageCounters.credentialId, credentialId))
      .groupBy(usageCounters.statusClass);
    return Object.fromEntries(rows.map((r) => [r.statusClass, r.n]));
  };
  const lastUsed = async (id: string) => (await db().select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, id)))[0].at;

  async function meteredKey() {
    const { partner: p } = await partner();
    const key = await createApiKey(db(), p.id);
    const call = (status: number, at?: Date): MeteredCall => ({ partnerId: p.id, credentialType: "api_key", credentialId: key.id, routeGroup: "me", status, at });
    return { key, call };
  }

  /** The real database, with some of its methods failing as a dropped connection would (inside transactions too). */
  function failing(real: Db, methods: Array<"insert" | "update">): Db {
    const wrap = <T extends object>(target: T): T =>
      new Proxy(target, {
        get(t, prop, receiver) {
          if (methods.includes(prop as "insert" | "update")) {
            return () => {
              throw new Error(`connection lost during ${String(prop)}`);
            };
          }
          if (prop === "transaction") {
            const tx = (t as unknown as Db).transaction.bind(t);
            return (fn: (inner: unknown) => Promise<unknown>, ...rest: unknown[]) =>
              (tx as (...a: unknown[]) => Promise<unknown>)((inner: object) => fn(wrap(inner)), ...rest);
          }
          return Reflect.get(t, prop, receiver);
        },
      });
    return wrap(real);
  }

  it("keeps the counts of a failed flush and writes them with the next one", async () => {
    const { key, call } = await meteredKey();
    const meter = new UsageMeter();
    for (const s of [200, 200, 201, 404]) meter.record(call(s));
    await expect(meter.flush(failing(db(), ["insert", "update"]))).rejects.toThrow("connection lost");
    expect(meter.pending).toBe(4);
    expect(await counted(key.id)).toEqual({});

    meter.record(call(500));
    await meter.flush(db());
    expect(meter.pending).toBe(0);
    expect(await counted(key.id)).toEqual({ "2xx": 3, "4xx": 1, "5xx": 1 });
    expect(await lastUsed(key.id)).not.toBeNull();

    // Nothing left over: another flush changes nothing.
    await meter.flush(db());
    expect(await counted(key.id)).toEqual({ "2xx": 3, "4xx": 1, "5xx": 1 });
  });

  it("does not count twice when the counts went out but recording lastUsedAt failed", async () => {
    const { key, call } = await meteredKey();
    const meter = new UsageMeter();
    const at = new Date(Date.now() - 5_000);
    for (const s of [200, 200, 403]) meter.record(call(s, at));
    await expect(meter.flush(failing(db(), ["update"]))).rejects.toThrow("connection lost during update");
    expect(await lastUsed(key.id)).toBeNull();

    await meter.flush(db());
    expect(await counted(key.id)).toEqual({ "2xx": 2, "4xx": 1 });
    // The lastUsedAt that failed is written by the retry.
    expect((await lastUsed(key.id))?.getTime()).toBe(at.getTime());
  });

  it("never moves lastUsedAt backwards", async () => {
    const { key, call } = await meteredKey();
    const meter = new UsageMeter();
    const later = new Date(Date.now() - 1_000);
    meter.record(call(200, later));
    await meter.flush(db());
    meter.record(call(200, new Date(later.getTime() - 60_000)));
    await meter.flush(db());
    expect((await lastUsed(key.id))?.getTime()).toBe(later.getTime());
    expect(await counted(key.id)).toEqual({ "2xx": 2 });
  });

  it("files calls under the day they happened (UTC)", async () => {
    const { key, call } = await meteredKey();
    const meter = new UsageMeter();
    meter.record(call(200, new Date("2030-01-01T23:59:59.999Z")));
    meter.record(call(200, new Date("2030-01-02T00:00:00.000Z")));
    meter.record(call(200, new Date("2030-01-02T12:00:00.000Z")));
    await meter.flush(db());
    const rows = await db()
      .select({ day: usageCounters.day, count: usageCounters.count })
      .from(usageCounters)
      .where(and(eq(usageCounters.credentialId, key.id)))
      .orderBy(usageCounters.day);
    expect(rows.map((r) => [String(r.day), r.count])).toEqual([
      ["2030-01-01", 1],
      ["2030-01-02", 2],
    ]);
  });
});
