import { getDb } from "@/db";
import { config } from "@/lib/config";
import { describeError } from "@/lib/db/errors";
import { processState } from "@/lib/process-state";
import { sendDueMail } from "./send-due-mail";

// Freshly queued mail goes out at once instead of at the next minute's sweep.
// Only a nudge: it never throws into the caller, and when it misses (the rows
// belong to a transaction that has not committed yet, the process stops, the
// Inngest event is lost) the `mail-send` sweep sends the mail anyway.

/** Events carry at most this many ids (Inngest limits an event's size). */
export const MAIL_EVENT_CHUNK = 500;
/** The first try lets the caller's transaction commit; the second catches a slower commit. */
const TRIES_MS = [25, 1_000];

const state = processState("mailNudges", () => ({ paused: false, inflight: new Set<Promise<void>>() }));

export function nudgeMailSender(messageIds: string[]) {
  if (!messageIds.length) return;
  const p = (config().jobs === "inngest" ? sendEvents(messageIds) : sendHere(messageIds)).catch((err) =>
    console.warn(`mail: nudge failed; the mail-send sweep will send the mail: ${describeError(err, { frames: false })}`),
  );
  state.inflight.add(p);
  void p.finally(() => state.inflight.delete(p));
}

async function sendEvents(messageIds: string[]) {
  const [{ inngest }, { MAIL_QUEUED }] = await Promise.all([import("@/inngest/client"), import("@/inngest/events")]);
  const events = [];
  for (let i = 0; i < messageIds.length; i += MAIL_EVENT_CHUNK) {
    events.push({ name: MAIL_QUEUED, data: { messageIds: messageIds.slice(i, i + MAIL_EVENT_CHUNK) } });
  }
  await inngest.send(events);
}

async function sendHere(messageIds: string[]) {
  if (state.paused) return;
  let handled = 0;
  for (const ms of TRIES_MS) {
    await new Promise((r) => setTimeout(r, ms));
    const { sent, retrying, failed } = await sendDueMail(await getDb(), { ids: messageIds, limit: messageIds.length - handled });
    handled += sent + retrying + failed;
    // Fewer than asked: some rows were not visible yet (uncommitted) or another sender has them; one more look is cheap.
    if (handled >= messageIds.length) return;
  }
}

/** Waits until every nudge of this process has finished (tests, graceful shutdown). */
export async function settleMailNudges() {
  while (state.inflight.size) await Promise.all([...state.inflight]);
}

/** Tests that drive sendDueMail themselves switch the in-process nudge off to keep their steps in order. */
export function pauseMailNudgesForTests(paused: boolean) {
  state.paused = paused;
}
