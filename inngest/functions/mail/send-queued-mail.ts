import { getDb } from "@/db";
import { countUnseenMail, sendDueMail } from "@/lib/mail/send-due-mail";
import { inngest } from "../../client";
import { MAIL_QUEUED, MailQueued } from "../../events";

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
    const first = await step.run("send", async () => {
      const db = await getDb();
      const sent = await sendDueMail(db, { ids: messageIds, limit: messageIds.length });
      return { ...sent, unseen: await countUnseenMail(db, messageIds) };
    });
    const { unseen, ...result } = first;
    if (!unseen) return result;
    // The event outran the commit of the transaction that queued the mail: look once more.
    await step.sleep("await-commit", "2s");
    const late = await step.run("send-late", async () => sendDueMail(await getDb(), { ids: messageIds, limit: messageIds.length }));
    return { sent: result.sent + late.sent, retrying: result.retrying + late.retrying, failed: result.failed + late.failed };
  },
);
