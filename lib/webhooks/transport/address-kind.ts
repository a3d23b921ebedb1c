import net from "node:net";

// Which kind of IP address a webhook would be sent to. Anything but "public"
// could reach our own network (SSRF), so the transport refuses it unless
// private targets are explicitly allowed (local development, tests).
export type AddressKind =
  | "public"
  | "unspecified"
  | "loopback"
  | "private"
  | "link-local"
  | "carrier-grade NAT"
  | "multicast"
  | "broadcast"
  | "benchmarking"
  | "documentation"
  | "reserved"
  | "invalid";

// IANA special-purpose registries (IPv4 and IPv6). First match wins, so the
// narrow ranges come before the wide ones that contain them.
const RANGES: ReadonlyArray<readonly [AddressKind, string, number, "ipv4" | "ipv6"]> = [
  ["unspecified", "0.0.0.0", 8, "ipv4"],
  ["private", "10.0.0.0", 8, "ipv4"],
  ["carrier-grade NAT", "100.64.0.0", 10, "ipv4"],
  ["loopback", "127.0.0.0", 8, "ipv4"],
  ["link-local", "169.254.0.0", 16, "ipv4"], // includes the cloud metadata service 169.254.169.254
  ["private", "172.16.0.0", 12, "ipv4"],
  ["reserved", "192.0.0.0", 24, "ipv4"], // IETF protocol assignments
  ["documentation", "192.0.2.0", 24, "ipv4"],
  ["reserved", "192.88.99.0", 24, "ipv4"], // deprecated 6to4 relay anycast
  ["private", "192.168.0.0", 16, "ipv4"],
  ["benchmarking", "198.18.0.0", 15, "ipv4"],
  ["documentation", "198.51.100.0", 24, "ipv4"],
  ["documentation", "203.0.113.0", 24, "ipv4"],
  ["multicast", "224.0.0.0", 4, "ipv4"],
  ["broadcast", "255.255.255.255", 32, "ipv4"],
  ["reserved", "240.0.0.0", 4, "ipv4"],

  ["unspecified", "::", 128, "ipv6"],
  ["loopback", "::1", 128, "ipv6"],
  ["reserved", "::", 96, "ipv6"], // deprecated IPv4-compatible ::a.b.c.d
  ["reserved", "64:ff9b:1::", 48, "ipv6"], // local-use NAT64: translates to anything
  ["reserved", "100::", 64, "ipv6"], // discard-only
  ["documentation", "2001:db8::", 32, "ipv6"],
  ["reserved", "2001::", 23, "ipv6"], // IETF protocol assignments, incl. Teredo
  ["documentation", "3fff::", 20, "ipv6"],
  ["reserved", "5f00::", 16, "ipv6"], // SRv6 segment identifiers
  ["private", "fc00::", 7, "ipv6"], // unique local
  ["link-local", "fe80::", 10, "ipv6"],
  ["private", "fec0::", 10, "ipv6"], // deprecated site-local
  ["multicast", "ff00::", 8, "ipv6"],
];

const LISTS = RANGES.map(([kind, prefix, bits, family]) => {
  const list = new net.BlockList();
  list.addSubnet(prefix, bits, family);
  return { kind, family, list };
});

// Only 2000::/3 is allocated for global unicast; everything else is reserved.
const GLOBAL_UNICAST = new net.BlockList();
GLOBAL_UNICAST.addSubnet("2000::", 3, "ipv6");

export function addressKind(ip: string): AddressKind {
  // A zone id (fe80::1%eth0) only makes sense for link-local addresses; judge the address itself.
  const bare = ip.includes("%") ? ip.slice(0, ip.indexOf("%")) : ip;
  const version = net.isIP(bare);
  if (version === 4) return rangeKind(bare, "ipv4");
  if (version !== 6) return "invalid";

  // Addresses that carry an IPv4 address are as dangerous as that address:
  // ::ffff:127.0.0.1 connects to loopback on a dual-stack socket, and
  // 64:ff9b::10.0.0.1 / 2002:0a00:0001:: are translated or tunnelled to it.
  const embedded = embeddedIPv4(ipv6Groups(bare));
  if (embedded) return rangeKind(embedded, "ipv4");

  const kind = rangeKind(bare, "ipv6");
  if (kind !== "public") return kind;
  return GLOBAL_UNICAST.check(bare, "ipv6") ? "public" : "reserved";
}

export function isPublicAddress(ip: string): boolean {
  return addressKind(ip) === "public";
}

function rangeKind(ip: string, family: "ipv4" | "ipv6"): AddressKind {
  for (const r of LISTS) {
    if (r.family === family && r.list.check(ip, family)) return r.kind;
  }
  return "public";
}

/** The IPv4 address inside an IPv4-mapped, NAT64 (well-known prefix) or 6to4 address. */
function embeddedIPv4(g: number[]): string | null {
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  let hi: number, lo: number;
  if (zeros(0, 5) && g[5] === 0xffff) [hi, lo] = [g[6], g[7]]; // ::ffff:0:0/96
  else if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) [hi, lo] = [g[6], g[7]]; // 64:ff9b::/96
  else if (g[0] === 0x2002) [hi, lo] = [g[1], g[2]]; // 2002::/16
  else return null;
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join(".");
}

/** The eight 16-bit groups of an address that net.isIP already accepted as IPv6. */
function ipv6Groups(ip: string): number[] {
  // A dotted tail (::ffff:1.2.3.4) becomes two hex groups.
  const hex = ip.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) =>
    `${((+a << 8) | +b).toString(16)}:${((+c << 8) | +d).toString(16)}`,
  );
  const [left, right] = hex.split("::");
  const head = left ? left.split(":") : [];
  const tail = right ? right.split(":") : [];
  const fill = right === undefined ? [] : Array<string>(8 - head.length - tail.length).fill("0");
  return [...head, ...fill, ...tail].map((h) => parseInt(h, 16));
}
