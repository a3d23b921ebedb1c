import type { IncomingMessage, ServerResponse } from "node:http";
import { problemBody } from "./problem";
import { newRequestId } from "./request-id";
import type { ErrorCode } from "@/lib/errors";

/**
 * Answers a request on the HTTP server itself, before Next sees it (an
 * undecodable path, load shedding): problem+json for the API, a small HTML
 * page for everything else, with the headers our own answers always carry.
 */
export function answerBeforeNext(
  req: IncomingMessage,
  res: ServerResponse,
  a: { status: number; code: ErrorCode; detail: string; errors?: { path: string; message: string }[]; pageTitle: string; pageText: string; headers?: Record<string, string> },
): void {
  const requestId = newRequestId();
  const api = (req.url ?? "").startsWith("/api/");
  const body = api
    ? JSON.stringify(problemBody(a.code, a.detail, requestId, a.errors))
    : `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${a.pageTitle} · Portico</title></head><body><main><h1>${a.pageTitle}</h1><p>${a.pageText}</p><p>Request id: ${requestId}</p></main></body></html>`;
  // A request body is not read: Node drains it (or closes the connection) after the answer.
  res.writeHead(a.status, {
    "content-type": api ? "application/problem+json" : "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "x-request-id": requestId,
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cache-control": "no-store",
    ...(api ? {} : { "content-security-policy": "default-src 'none'; frame-ancestors 'none'", "x-frame-options": "DENY" }),
    ...a.headers,
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
