import type { IncomingMessage, ServerResponse } from "node:http";
import { answerBeforeNext } from "@/lib/http/answer-before-next";

// Past capacity, a request answered "503, retry in 1 s" within a millisecond is
// better than one queued until the client gives up: the client learns at once,
// a balancer can send it elsewhere, and the work already admitted finishes in
// time. Two signals:
// - requests in flight (admitted and not yet answered) at the limit: shed;
// - the event loop's delay, smoothed (one slow render or GC pause must not turn
//   requests away, a loop that stays late must): past the limit a share of
//   requests is shed that grows with the excess, all of them at twice the limit
//   (the approach of toobusy-js).

export type SheddingLimits = { maxInFlight: number; maxEventLoopDelayMs: number };

/** Never shed: liveness and readiness must answer about the process, not the queue. */
const EXEMPT = new Set(["/api/ping", "/api/health", "/api/health/ready"]);
/** Weight of the newest sample in the smoothed delay. */
const SMOOTHING = 1 / 3;

export class LoadShedder {
  private inFlight = 0;
  private smoothedDelayMs = 0;
  private expected = 0;
  private sampler: NodeJS.Timeout | null = null;
  private reporter: NodeJS.Timeout | null = null;
  shed = 0;

  constructor(private readonly limits: SheddingLimits) {}

  /**
   * Samples the event loop's delay: a timer due every `everyMs` that fires late
   * by d was held up d ms. Logs, every 10 s while it sheds, how much it shed.
   */
  start(everyMs = 50): void {
    this.expected = performance.now() + everyMs;
    const tick = () => {
      const now = performance.now();
      this.smoothedDelayMs += (Math.max(0, now - this.expected) - this.smoothedDelayMs) * SMOOTHING;
      this.expected = now + everyMs;
      this.sampler = setTimeout(tick, everyMs);
      this.sampler.unref();
    };
    this.sampler = setTimeout(tick, everyMs);
    this.sampler.unref();
    let reported = 0;
    this.reporter = setInterval(() => {
      if (this.shed === reported) return;
      const { inFlight, eventLoopDelayMs } = this.load();
      console.warn(`overload: ${this.shed - reported} requests answered 503 in the last 10 s (in flight ${inFlight}, event-loop delay ${eventLoopDelayMs} ms)`);
      reported = this.shed;
    }, 10_000);
    this.reporter.unref();
  }

  /** The smoothed delay, or more while the sampler's timer is overdue right now (requests read in the turn after a long block see it). */
  private eventLoopDelay(): number {
    if (!this.sampler) return 0;
    const overdue = Math.max(0, performance.now() - this.expected);
    return Math.max(this.smoothedDelayMs, this.smoothedDelayMs + (overdue - this.smoothedDelayMs) * SMOOTHING);
  }

  stop(): void {
    if (this.sampler) clearTimeout(this.sampler);
    if (this.reporter) clearInterval(this.reporter);
    this.sampler = this.reporter = null;
  }

  load() {
    return { inFlight: this.inFlight, eventLoopDelayMs: Math.round(this.eventLoopDelay()), shed: this.shed };
  }

  private tooLate(): boolean {
    const max = this.limits.maxEventLoopDelayMs;
    const excess = (this.eventLoopDelay() - max) / max;
    return excess > 0 && Math.random() < excess;
  }

  /**
   * Admits the request (counted until its answer closes) or answers it 503 here
   * and returns false. Called before Next sees the request.
   */
  admit(req: IncomingMessage, res: ServerResponse): boolean {
    const path = (req.url ?? "/").split("?")[0];
    const exempt = EXEMPT.has(path);
    if (!exempt && (this.inFlight >= this.limits.maxInFlight || this.tooLate())) {
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
  answerBeforeNext(req, res, {
    status: 503,
    code: "SERVICE_UNAVAILABLE",
    detail: "The server is at capacity. Retry after the number of seconds in Retry-After.",
    pageTitle: "Portico is busy",
    pageText: "Too many requests are under way. Reload the page in a moment.",
    headers: { "retry-after": "1" },
  });
}
