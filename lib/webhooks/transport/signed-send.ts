import { sendWebhook, type SendResult } from "./send-webhook";
import { signPayload } from "./sign";

/** One attempt as data: what to send, to where, signed with which secrets. Crosses threads as is. */
export type SignedSend = {
  url: string;
  /** The exact bytes to sign and send. */
  body: string;
  msgId: string;
  /** The attempt's time, in ms since the epoch (it goes into the signature). */
  timestamp: number;
  /** Current secret first, then the previous one during a rotation. */
  secrets: string[];
  allowPrivate: boolean;
  timeoutMs: number;
};

export type SignedSendResult = { requestHeaders: Record<string, string>; result: SendResult };

export type Sender = (task: SignedSend) => Promise<SignedSendResult>;

/** Signs and sends one attempt on the calling thread. */
export const signedSend: Sender = async (task) => {
  const requestHeaders = {
    "content-type": "application/json",
    ...signPayload({ secrets: task.secrets, msgId: task.msgId, timestamp: new Date(task.timestamp), body: task.body }),
  };
  const result = await sendWebhook({ url: task.url, headers: requestHeaders, body: task.body, allowPrivate: task.allowPrivate, timeoutMs: task.timeoutMs });
  return { requestHeaders, result };
};
