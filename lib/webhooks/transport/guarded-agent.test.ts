import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { agentFor, guardedLookup, LOOKUP_FAILED } from "./guarded-agent";
import type { Resolver } from "./url-guard";

const resolver: Resolver = async () => [
  { address: "93.184.215.14", family: 4 },
  { address: "2606:2800::1", family: 6 },
];

function lookup(opts: Parameters<typeof guardedLookup>[0], options: { all?: boolean; family?: number }) {
  return new Promise<{ err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
    guardedLookup(opts)("hooks.example.com", options, (err, address, family) => resolve({ err, address, family })),
  );
}

describe("guardedLookup", () => {
  it("answers in the shape net asks for: all addresses, or one of a family", async () => {
    const strict = { allowPrivate: false, resolver };
    expect((await lookup(strict, { all: true })).address).toHaveLength(2);
    expect(await lookup(strict, { family: 6 })).toMatchObject({ err: null, address: "2606:2800::1", family: 6 });
    expect(await lookup(strict, {})).toMatchObject({ err: null, address: "93.184.215.14", family: 4 });
  });

  it("fails the connection when an address is not public", async () => {
    const rebinding: Resolver = async () => [{ address: "10.1.2.3", family: 4 }];
    const { err } = await lookup({ allowPrivate: false, resolver: rebinding }, { all: true });
    expect(err).toMatchObject({ code: LOOKUP_FAILED, message: "hooks.example.com resolves to a private address (10.1.2.3)" });
    expect((await lookup({ allowPrivate: true, resolver: rebinding }, { all: true })).err).toBeNull();
  });
});

describe("agentFor", () => {
  it("never shares a connection pool between strict and permissive calls", () => {
    const strict = agentFor("https:", { allowPrivate: false, resolver });
    expect(agentFor("https:", { allowPrivate: false, resolver })).toBe(strict);
    expect(agentFor("https:", { allowPrivate: true, resolver })).not.toBe(strict);
    expect(agentFor("http:", { allowPrivate: false, resolver })).not.toBe(strict);
    expect(agentFor("https:", { allowPrivate: false, resolver: async () => [] })).not.toBe(strict);
    expect(agentFor("https:", { allowPrivate: false })).toBe(agentFor("https:", { allowPrivate: false }));
  });
});
