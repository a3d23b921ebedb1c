import { afterEach, describe, expect, it } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { clientIp, normalizeIp } from "./client-ip";
import { peerHeaderName } from "./peer-address";
import { installServerHooks } from "./server-hooks";

const req = (headers: Record<string, string>) => new Request("http://localhost/x", { headers });

describe("clientIp", () => {
  afterEach(() => {
    delete process.env.TRUST_PROXY;
    resetConfigForTests();
  });

  it("believes no header by default: X-Forwarded-For and X-Real-IP are anyone's to set", () => {
    expect(clientIp(req({ "x-forwarded-for": "203.0.113.9", "x-real-ip": "203.0.113.10" }))).toBeNull();
    expect(clientIp(req({ "x-forwarded-for": "203.0.113.9" }), 0)).toBeNull();
    expect(clientIp(req({}), 0)).toBeNull();
  });

  it("with one trusted proxy takes the rightmost entry, so a forged left part changes nothing", () => {
    expect(clientIp(req({ "x-forwarded-for": "203.0.113.9" }), 1)).toBe("203.0.113.9");
    expect(clientIp(req({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }), 1)).toBe("203.0.113.9");
    expect(clientIp(req({ "x-forwarded-for": "1.1.1.1,2.2.2.2 ,  203.0.113.9" }), 1)).toBe("203.0.113.9");
  });

  it("with N trusted proxies takes the N-th entry from the right", () => {
    const h = { "x-forwarded-for": "6.6.6.6, 198.51.100.7, 10.0.0.2, 10.0.0.3" };
    expect(clientIp(req(h), 2)).toBe("10.0.0.2");
    expect(clientIp(req(h), 3)).toBe("198.51.100.7");
    // Fewer entries than proxies: the request skipped an outer proxy; the leftmost entry is one of ours.
    expect(clientIp(req({ "x-forwarded-for": "198.51.100.7" }), 3)).toBe("198.51.100.7");
  });

  it("ignores X-Real-IP even behind trusted proxies, and answers null without X-Forwarded-For", () => {
    expect(clientIp(req({ "x-real-ip": "203.0.113.10" }), 1)).toBeNull();
  });

  it("reads TRUST_PROXY from the environment", () => {
    process.env.TRUST_PROXY = "1";
    resetConfigForTests();
    expect(clientIp(req({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }))).toBe("203.0.113.9");
  });

  it("takes Headers, Next's headers(), and next-auth's plain header objects (any case, repeated headers)", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }), 1)).toBe("203.0.113.9");
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }, 1)).toBe("203.0.113.9");
    expect(clientIp({ "X-Forwarded-For": ["6.6.6.6", "203.0.113.9"] }, 1)).toBe("203.0.113.9");
    expect(clientIp({ headers: { "x-forwarded-for": "203.0.113.9" } }, 1)).toBe("203.0.113.9");
    expect(clientIp(undefined, 1)).toBeNull();
  });

  it("answers null for an entry that is not an address, instead of trusting junk", () => {
    expect(clientIp(req({ "x-forwarded-for": "1.1.1.1, unknown" }), 1)).toBeNull();
    expect(clientIp(req({ "x-forwarded-for": "1.1.1.1, <script>" }), 1)).toBeNull();
    expect(clientIp(req({ "x-forwarded-for": " , " }), 1)).toBeNull();
  });
});

describe("the peer address stamped by the HTTP server hook", () => {
  it("is the client with TRUST_PROXY=0, the fallback without X-Forwarded-For behind proxies, and cannot be forged by name", () => {
    const peer = { [peerHeaderName()]: "::ffff:198.51.100.20" };
    expect(clientIp(req({ ...peer, "x-forwarded-for": "6.6.6.6" }), 0)).toBe("198.51.100.20");
    expect(clientIp(req(peer), 1)).toBe("198.51.100.20");
    expect(clientIp(req({ ...peer, "x-forwarded-for": "203.0.113.9" }), 1)).toBe("203.0.113.9");
    // The name is random per process: a guessed one is just another header.
    expect(peerHeaderName()).toMatch(/^x-portico-peer-[0-9a-f]{16}$/);
    expect(clientIp(req({ "x-portico-peer": "6.6.6.6" }), 0)).toBeNull();
  });

  it("is written by the hook from the socket, over anything the client sent", async () => {
    const { createServer, request } = await import("node:http");
    installServerHooks();
    const seen: (string | null)[] = [];
    const server = createServer((r, res) => {
      seen.push(clientIp(r.headers as Record<string, string>, 0));
      res.end("ok");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((resolve, reject) => {
      const r = request({ host: "127.0.0.1", port, path: "/", headers: { [peerHeaderName()]: "6.6.6.6" } }, (res) => res.resume().on("end", resolve));
      r.on("error", reject);
      r.end();
    });
    server.close();
    expect(seen).toEqual(["127.0.0.1"]);
  });
});

describe("normalizeIp", () => {
  it("strips ports, brackets, zones and the IPv4-mapped prefix", () => {
    expect(normalizeIp("203.0.113.9:4711")).toBe("203.0.113.9");
    expect(normalizeIp("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeIp("fe80::1%eth0")).toBe("fe80::1");
    expect(normalizeIp("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(normalizeIp("2001:db8::1")).toBe("2001:db8::1");
    expect(normalizeIp("999.1.1.1")).toBeNull();
    expect(normalizeIp("")).toBeNull();
  });
});
