import { createServer, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { LoadShedder } from "./load-shedder";

let server: Server | undefined;
let shedder: LoadShedder | undefined;
afterEach(() => {
  shedder?.stop();
  server?.closeAllConnections();
  server?.close();
  server = undefined;
});

async function start(limits: { maxInFlight: number; maxEventLoopDelayMs: number }, handler: () => Promise<void>) {
  shedder = new LoadShedder(limits);
  shedder.start(20);
  server = createServer((req, res) => {
    if (!shedder!.admit(req, res)) return;
    void handler().then(() => res.end("done"));
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("LoadShedder", () => {
  it("past maxInFlight answers 503 problem+json with Retry-After at once, and admits again when requests finish", async () => {
    const waiting: (() => void)[] = [];
    const url = await start({ maxInFlight: 2, maxEventLoopDelayMs: 10_000 }, () => new Promise<void>((r) => waiting.push(r)));
    const admitted = [fetch(`${url}/api/v1/me`), fetch(`${url}/api/v1/me`)];
    await sleep(100);
    const t0 = performance.now();
    const shed = await fetch(`${url}/api/v1/me`);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(shed.status).toBe(503);
    expect(shed.headers.get("retry-after")).toBe("1");
    expect(shed.headers.get("content-type")).toBe("application/problem+json");
    const body = (await shed.json()) as { code: string; status: number; requestId: string };
    expect(body).toMatchObject({ code: "SERVICE_UNAVAILABLE", status: 503 });
    expect(shed.headers.get("x-request-id")).toBe(body.requestId);
    // A page is told in HTML.
    const page = await fetch(`${url}/dashboard`);
    expect(page.status).toBe(503);
    expect(await page.text()).toContain("Portico is busy");
    // Liveness and readiness answer whatever the load.
    const health = fetch(`${url}/api/health`);
    const ready = fetch(`${url}/api/health/ready?x=1`);
    await sleep(50);
    expect(shedder!.load()).toMatchObject({ inFlight: 4, shed: 2 });
    for (const r of waiting.splice(0)) r();
    for (const r of await Promise.all([...admitted, health, ready])) expect(r.status).toBe(200);
    const again = fetch(`${url}/api/v1/me`);
    await sleep(50);
    waiting.splice(0).forEach((r) => r());
    expect((await again).status).toBe(200);
    expect(shedder!.load().inFlight).toBe(0);
  });

  it("sheds while the event loop stays late, not after one slow turn, and admits once it is on time again", async () => {
    const url = await start({ maxInFlight: 1000, maxEventLoopDelayMs: 50 }, async () => {});
    const block = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    /** A request written on an open connection, then the loop blocked for `ms` before the server reads it. */
    const requestAfterBlock = async (ms: number) => {
      const socket = connect(Number(new URL(url).port), "127.0.0.1");
      await new Promise((r) => socket.once("connect", r));
      await sleep(20);
      let answer = "";
      socket.on("data", (c) => (answer += c));
      socket.write("GET /api/v1/me HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
      block(ms);
      await new Promise((r) => socket.once("close", r));
      return Number(/^HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1]);
    };
    expect((await fetch(`${url}/api/v1/me`)).status).toBe(200);
    // One turn late by 120 ms (a slow render, a GC pause): smoothed, still under the limit.
    expect(await requestAfterBlock(120)).toBe(200);
    await sleep(200);
    // A loop late turn after turn: the smoothed delay passes twice the limit, every request is shed.
    for (let i = 0; i < 8; i++) {
      block(200);
      await sleep(1);
    }
    expect(await requestAfterBlock(200)).toBe(503);
    expect(shedder!.load().shed).toBe(1);
    // On time again for a few samples: admitted.
    await sleep(400);
    expect((await fetch(`${url}/api/v1/me`)).status).toBe(200);
  });
});
