import type { SendResult } from "./transport/send-webhook";
import { nextAttemptDelaySeconds } from "./retry-schedule";

export type PlannedOutcome = {
  status: "succeeded" | "failed" | "dead";
  nextAttemptAt: Date | null;
  /** 410 Gone: the receiver asked us to stop; the endpoint is disabled at once. */
  gone: boolean;
};

/** What an attempt's result means for its delivery: pure, shared by every runner. */
export function planOutcome(input: {
  attempt: number;
  result: SendResult;
  finishedAt: Date;
  delays: number[];
  maxAttempts: number;
}): PlannedOutcome {
  const { result } = input;
  if (result.status !== null && result.status >= 200 && result.status < 300) return { status: "succeeded", nextAttemptAt: null, gone: false };
  if (result.status === 410) return { status: "dead", nextAttemptAt: null, gone: true };
  const retryAfter = result.status === 429 || result.status === 503 ? result.retryAfterSeconds : null;
  const delay = nextAttemptDelaySeconds(input.attempt, { delays: input.delays, maxAttempts: input.maxAttempts, retryAfterSeconds: retryAfter });
  if (delay === null) return { status: "dead", nextAttemptAt: null, gone: false };
  return { status: "failed", nextAttemptAt: new Date(input.finishedAt.getTime() + delay * 1000), gone: false };
}
