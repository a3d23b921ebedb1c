import { describe, expect, it } from "vitest";
import { addressKind, checkWebhookUrl, isPublicAddress, resolveAndCheck, type Resolver } from "./url-guard";

describe("isPublicAddress", () => {
  it.each([
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.254", "carrier-grade NAT"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["169.254.169.254", "link-local"],
    ["169.254.0.1", "link-local"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.0.0.8", "reserved"],
    ["192.0.2.10", "documentation"],
    ["192.88.99.1", "reserved"],
    ["192.168.1.1", "private"],
    ["198.18.0.1", "benchmarking"],
    ["198.19.255.255", "benchmarking"],
    ["198.51.100.7", "documentation"],
    ["203.0.113.9", "documentation"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["::7f00:1", "reserved"], // IPv4-compatible
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0:0:0:0:0:ffff:a9fe:a9fe", "link-local"],
    ["::ffff:10.1.2.3", "private"],
    ["64:ff9b::10.0.0.1", "private"],
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b:1::1", "reserved"],
    ["2002:c0a8:0101::1", "private"], // 6to4 of 192.168.1.1
    ["2001::1", "reserved"], // Teredo
    ["2001:db8::1", "documentation"],
    ["3fff::1", "documentation"],
    ["100::1", "reserved"],
    ["fc00::1", "private"],
    ["fd12:3456:789a::1", "private"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf::1", "link-local"],
    ["fec0::1", "private"],
    ["ff02::1", "multicast"],
    ["4000::1", "reserved"], // outside 2000::/3
    ["not-an-ip", "invalid"],
    ["", "invalid"],
    ["1.2.3.4.5", "invalid"],
  ])("%s is %s", (ip, kind) => {
    expect(addressKind(ip)).toBe(kind);
    expect(isPublicAddress(ip)).toBe(false);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "100.63.255.255", // just below CGNAT
    "100.128.0.0", // just above CGNAT
    "172.15.255.255",
    "172.32.0.0",
    "198.17.255.255",
    "198.20.0.0",
    "223.255.255.255",
    "2606:4700:4700::1111",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
    "64:ff9b::8.8.8.8",
  ])("%s is public", (ip) => {
    expect(addressKind(ip)).toBe("public");
    expect(isPublicAddress(ip)).toBe(true);
  });
});

describe("checkWebhookUrl", () => {
  const strict = { allowPrivate: false };
  const lax = { allowPrivate: true };

  it.each([
    ["https://hooks.example.com/portico", "https://hooks.example.com/portico"],
    ["https://hooks.example.com:8443/a?b=c", "https://hooks.example.com:8443/a?b=c"],
    ["HTTPS://Hooks.Example.COM/x", "https://hooks.example.com/x"],
    ["https://8.8.8.8/hook", "https://8.8.8.8/hook"],
    ["https://[2606:4700:4700::1111]/hook", "https://[2606:4700:4700::1111]/hook"],
    ["https://hooks.example.com./x", "https://hooks.example.com./x"],
  ])("accepts %s", (raw, href) => {
    const r = checkWebhookUrl(raw, strict);
    expect(r).toMatchObject({ ok: true });
    if (r.ok) expect(r.url.href).toBe(href);
  });

  it.each([
    ["http://hooks.example.com/", "must use https"],
    ["ftp://hooks.example.com/", "must use https"],
    ["javascript:alert(1)", "must use https"],
    ["file:///etc/passwd", "must use https"],
    ["https://user:pass@hooks.example.com/", "credentials"],
    ["https://user@hooks.example.com/", "credentials"],
    ["https://hooks.example.com/#frag", "fragment"],
    ["https://hooks.example.com/#", "fragment"],
    [`https://hooks.example.com/${"a".repeat(2000)}`, "longer than 2000"],
    ["not a url", "whitespace"],
    ["https://hooks.example.com/\tx", "whitespace"],
    [" https://hooks.example.com/", "whitespace"],
    ["https://", "not a valid URL"],
    ["hooks.example.com/x", "not a valid URL"],
    ["https://localhost/", "local host name"],
    ["https://LOCALHOST./", "local host name"],
    ["https://api.localhost/", "local host name"],
    ["https://printer.local/", "local host name"],
    ["https://metadata.google.internal/computeMetadata/v1/", "local host name"],
    ["https://db.internal/", "local host name"],
    ["https://router.home.arpa/", "local host name"],
    ["https://metadata/", "fully qualified"],
    ["https://127.0.0.1/", "a loopback address"],
    ["https://127.1/", "a loopback address"],
    ["https://2130706433/", "a loopback address"],
    ["https://0x7f000001/", "a loopback address"],
    ["https://017700000001/", "a loopback address"],
    ["https://0x7f.0.0.1/", "a loopback address"],
    ["https://%31%32%37.0.0.1/", "a loopback address"],
    ["https://0/", "an unspecified address"],
    ["https://0.0.0.0:8080/", "an unspecified address"],
    ["https://10.0.0.5/", "a private address"],
    ["https://192.168.0.1/", "a private address"],
    ["https://172.20.1.1/", "a private address"],
    ["https://169.254.169.254/latest/meta-data/", "a link-local address"],
    ["https://100.100.100.200/", "a carrier-grade NAT address"],
    ["https://[::1]/", "a loopback address"],
    ["https://[::]/", "an unspecified address"],
    ["https://[::ffff:127.0.0.1]/", "a loopback address"],
    ["https://[::ffff:169.254.169.254]/", "a link-local address"],
    ["https://[64:ff9b::10.0.0.1]/", "a private address"],
    ["https://[fd00:ec2::254]/", "a private address"],
    ["https://[fe80::1]/", "a link-local address"],
    ["https://[fe80::1%25eth0]/", "not a valid URL"],
  ])("refuses %s (%s)", (raw, reason) => {
    const r = checkWebhookUrl(raw, strict);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it("allows http and private targets only with allowPrivate", () => {
    expect(checkWebhookUrl("http://127.0.0.1:3000/hook", lax)).toMatchObject({ ok: true });
    expect(checkWebhookUrl("http://localhost:3000/hook", lax)).toMatchObject({ ok: true });
    expect(checkWebhookUrl("http://2130706433/", lax)).toMatchObject({ ok: true });
    // The rules that are not about reachability still apply.
    expect(checkWebhookUrl("ftp://127.0.0.1/", lax)).toMatchObject({ ok: false, reason: "URL must use http or https" });
    expect(checkWebhookUrl("http://u:p@localhost/", lax)).toMatchObject({ ok: false });
    expect(checkWebhookUrl("http://localhost/#x", lax)).toMatchObject({ ok: false });
  });
});

describe("resolveAndCheck", () => {
  const fake =
    (table: Record<string, string[]>): Resolver =>
    async (host) => {
      const ips = table[host];
      if (!ips) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
      return ips.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    };
  const resolver = fake({
    "public.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
    "mixed.example.com": ["93.184.215.14", "10.0.0.7"],
    "meta.example.com": ["169.254.169.254"],
    "v6.example.com": ["2606:2800::1", "::1"],
    "empty.example.com": [],
  });

  it("returns every address when all are public", async () => {
    const r = await resolveAndCheck("public.example.com", { allowPrivate: false, resolver });
    expect(r).toMatchObject({ ok: true });
    if (r.ok) expect(r.addresses).toHaveLength(2);
  });

  it("refuses when ANY address is not public, naming its kind", async () => {
    expect(await resolveAndCheck("mixed.example.com", { allowPrivate: false, resolver })).toEqual({
      ok: false,
      reason: "mixed.example.com resolves to a private address (10.0.0.7)",
    });
    expect(await resolveAndCheck("meta.example.com", { allowPrivate: false, resolver })).toMatchObject({
      reason: expect.stringContaining("resolves to a link-local address"),
    });
    expect(await resolveAndCheck("v6.example.com", { allowPrivate: false, resolver })).toMatchObject({
      reason: expect.stringContaining("resolves to a loopback address"),
    });
  });

  it("allows private answers with allowPrivate", async () => {
    expect(await resolveAndCheck("mixed.example.com", { allowPrivate: true, resolver })).toMatchObject({ ok: true });
  });

  it("reports DNS failures and empty answers", async () => {
    expect(await resolveAndCheck("nope.example.com", { allowPrivate: false, resolver })).toEqual({
      ok: false,
      reason: "DNS lookup of nope.example.com failed (ENOTFOUND)",
    });
    expect(await resolveAndCheck("empty.example.com", { allowPrivate: true, resolver })).toMatchObject({ ok: false });
  });

  it("uses the system resolver by default (localhost is loopback)", async () => {
    const r = await resolveAndCheck("localhost", { allowPrivate: false });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/resolves to a loopback address/);
    expect(await resolveAndCheck("[::1]", { allowPrivate: false })).toMatchObject({ ok: false });
  });
});
