import { getDb } from "@/db";
import { sendDueMail, unseenMail, type SendDueMailResult } from "@/lib/mail/send-due-mail";
import { inngest } from "../../client";
import { MAIL_QUEUED, MailQueued } from "../../events";

/**
 * Messages per step. A step is one HTTP request from Inngest, which ends it
 * after a few minutes; 50 mails go out well within that even from a slow relay,
 * and a step Inngest retries starts over on at most 50 (the sent ones are
 * skipped: their rows say `sent`).
 */
export const MAIL_STEP_SIZE = 50;

/**
 * Sends the messages a notify() just queued, at once rather than at the next
 * minute's sweep. The row is the truth: a duplicate event finds the messages
 * sent or claimed and does nothing, and retries after an SMTP failure are the
 * `mail-send` sweep's (scheduled-mail-send), at the times each row names.
 */
export const sendQueuedMail = inngest.createFunction(
  { id: "mail-send-queued", triggers: [{ event: MAIL_QUEUED }], retries: 3 },
  async ({ event, step }) => {
    const { messageIds } = MailQueued.parse(event.data);
    const total: SendDueMailResult = { sent: 0, retrying: 0, failed: 0 };
    const add = (r: SendDueMailResult) => {
      total.sent += r.sent;
      total.retrying += r.retrying;
      total.failed += r.failed;
    };
    const unseen: string[] = [];
    for (const [i, ids] of chunks(messageIds).entries()) {
      const r = await step.run(`send-${i + 1}`, async () => {
        const db = await getDb();
        const sent = await sendDueMail(db, { ids, limit: ids.length });
        return { ...sent, unseen: await unseenMail(db, ids) };
      });
      add(r);
      unseen.push(...r.unseen);
    }
    if (!unseen.length) return total;
    // The event outran the commit of the transaction that queued the mail: look once more at those.
    await step.sleep("await-commit", "2s");
    for (const [i, ids] of chunks(unseen).entries()) {
      add(await step.run(`send-late-${i + 1}`, async () => sendDueMail(await getDb(), { ids, limit: ids.length })));
    }
    return total;
  },
);

function chunks(ids: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += MAIL_STEP_SIZE) out.push(ids.slice(i, i + MAIL_STEP_SIZE));
  return out;
}
