import { randomBytes } from "node:crypto";
import { processState } from "@/lib/process-state";

// Next gives route handlers, server actions and next-auth no socket address. The
// HTTP server hook (server-hooks.ts) copies it into a request header whose name is
// random per process, overwriting anything a client sent, so code behind Next can
// read the real peer and no caller can forge it.

export const peerHeaderName = (): string => processState("peerHeaderName", () => `x-portico-peer-${randomBytes(8).toString("hex")}`);
