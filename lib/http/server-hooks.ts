import { Server, type IncomingMessage, type ServerResponse } from "node:http";
import { peerHeaderName } from "./peer-address";
import { answerBeforeNext } from "./answer-before-next";
import { processState } from "@/lib/process-state";

// What must happen to a request before Next sees it, done on the HTTP server:
// - Next's router decodes dynamic path segments before any of our code runs (proxy
//   included), and a segment that is not valid percent-encoding ("/keys/%E0%A4%A")
//   ends in its bare "Internal Server Error". Such a request is answered here: 400
//   problem+json for the API, a small 400 page for everything else.
// - The socket's peer address is stamped into a header (peer-address.ts), the one
//   client address no caller can forge.

export function isDecodablePath(url: string): boolean {
  const q = url.indexOf("?");
  try {
    decodeURIComponent(q < 0 ? url : url.slice(0, q));
    return true;
  } catch {
    return false;
  }
}

function answerMalformed(req: IncomingMessage, res: ServerResponse) {
  answerBeforeNext(req, res, {
    status: 400,
    code: "INVALID_REQUEST",
    detail: "The request path is not valid percent-encoding",
    errors: [{ path: "(path)", message: "Malformed percent-encoding" }],
    pageTitle: "Bad request",
    pageText: 'This address is not valid. <a href="/">Go to Portico\'s home page</a>.',
  });
}

/** Wraps every HTTP server's "request" event in this process, once (the server entry and instrumentation.ts both call it, from separate bundles). */
export function installServerHooks(): void {
  const state = processState("serverHooks", () => ({ installed: false }));
  if (state.installed) return;
  state.installed = true;
  const peerHeader = peerHeaderName();
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [req, res] = args as [IncomingMessage, ServerResponse];
      if (req.url && !isDecodablePath(req.url)) {
        answerMalformed(req, res);
        return true;
      }
      const peer = req.socket?.remoteAddress;
      if (peer) req.headers[peerHeader] = peer;
      else delete req.headers[peerHeader];
    }
    return (emit as (this: Server, event: string | symbol, ...rest: unknown[]) => boolean).call(this, event, ...args);
  } as typeof emit;
}
