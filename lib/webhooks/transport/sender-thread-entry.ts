import { parentPort } from "node:worker_threads";
import { signedSend, type SignedSend, type SignedSendResult } from "./signed-send";

// Entry of a sender thread (see sender-thread.ts): signs and sends the attempts
// it is given and posts the results back, many per message.

const port = parentPort;
if (!port) throw new Error("sender-thread-entry runs as a worker thread");

let done: { id: number; out: SignedSendResult }[] = [];
let flushing = false;

function flush() {
  flushing = false;
  const batch = done;
  done = [];
  port!.postMessage(batch);
}

port.on("message", (batch: { id: number; task: SignedSend }[]) => {
  for (const { id, task } of batch) {
    // signedSend never rejects: every failure is a SendResult.
    void signedSend(task).then((out) => {
      done.push({ id, out });
      if (!flushing) {
        flushing = true;
        setImmediate(flush);
      }
    });
  }
});
