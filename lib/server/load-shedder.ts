import type { IncomingMessage, ServerResponse } from "node:http";
import { problemBody } from "@/lib/http/problem";
import { newRequestId } from "@/lib/http/request-id";

// Past capacity, a request answered "503, retry in 1 s" within a millisecond is
// better than one queued until the client gives up: the client learns at once,
// a balancer can send it elsewhere, and the work already admitted finishes in
// time. Two signals: requests in flight (admitted and not yet answered), and
// the event loop's delay (a loop late by hundreds of ms is already making
// every admitted request wait).

export type SheddingLimits = { maxInFlight: number; maxEventLoopDelayMs: number };

/** Never shed: liveness and readiness must answer about the process, not the queue. */
const EXEMPT = new Set(["/api/health", "/api/health/ready"]);

export class LoadShedder {
  private inFlight = 0;
  private delayMs = 0;
  private expected = 0;
  private sampler: NodeJS.Timeout | null = null;
  shed = 0;

  constructor(private readonly limits: SheddingLimits) {}

  /**
   * Samples the event loop's delay: a timer due every `everyMs` that fires late
   * by d was held up d ms. A timer overdue right now counts too: requests read
   * in the same turn of the loop as a long block must see it, not the sample before.
   */
  start(everyMs = 50): void {
    this.expected = performance.now() + everyMs;
    const tick = () => {
      const now = performance.now();
      this.delayMs = Math.max(0, now - this.expected);
      this.expected = now + everyMs;
      this.sampler = setTimeout(tick, everyMs);
      this.sampler.unref();
    };
    this.sampler = setTimeout(tick, everyMs);
    this.sampler.unref();
  }

  private eventLoopDelay(): number {
    return this.sampler ? Math.max(this.delayMs, performance.now() - this.expected) : 0;
  }

  stop(): void {
    if (this.sampler) clearTimeout(this.sampler);
    this.sampler = null;
  }

  load() {
    return { inFlight: this.inFlight, eventLoopDelayMs: Math.round(this.eventLoopDelay()), shed: this.shed };
  }

  /**
   * Admits the request (counted until its answer closes) or answers it 503 here
   * and returns false. Called before Next sees the request.
   */
  admit(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? "/").split("?")[0];
    const exempt = EXEMPT.has(path);
    if (!exempt && (this.inFlight >= this.limits.maxInFlight || this.eventLoopDelay() > this.limits.maxEventLoopDelayMs)) {
      this.shed++;
      answerOverloaded(req, res);
      return false;
    }
    this.inFlight++;
    res.once("close", () => this.inFlight--);
    return true;
  }
}

function answerOverloaded(req: IncomingMessage, res: ServerResponse) {
  const requestId = newRequestId();
  const api = (req.url ?? "").startsWith("/api/");
  const body = api
    ? JSON.stringify(problemBody("SERVICE_UNAVAILABLE", "The server is at capacity. Retry after the number of seconds in Retry-After.", requestId))
    : `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Busy · Portico</title></head><body><main><h1>Portico is busy</h1><p>Too many requests are under way. Reload the page in a moment.</p><p>Request id: ${requestId}</p></main></body></html>`;
  // The request body is not read: it is drained by Node (or the connection closed) after the answer.
  res.writeHead(503, {
    "content-type": api ? "application/problem+json" : "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "retry-after": "1",
    "x-request-id": requestId,
    "x-content-type-options": "nosniff",
    "cache-control": "no-store",
  });
  res.end(req.method === "HEAD" ? undefined : body);
}
