import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import { resetConfigForTests } from "@/lib/config";
import { closeMailTransports } from "@/lib/mail/mail-transport";
import { pauseMailNudgesForTests, settleMailNudges } from "@/lib/mail/nudge-mail-sender";
import { startSmtpSink, type SmtpSink } from "./smtp-sink";

/**
 * Registers hooks that point SMTP_URL at a real SMTP server on 127.0.0.1 for each test of the
 * file (or describe block), with the in-process nudge paused: the test sends the queue itself,
 * so it knows when the mail has gone. Returns a getter for the sink.
 */
export function useSmtpSink(opts: { appUrl?: string } = {}): () => SmtpSink {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    closeMailTransports();
    await sink.close();
  });
  beforeEach(() => {
    process.env.SMTP_URL = sink.url;
    if (opts.appUrl) process.env.APP_URL = opts.appUrl;
    resetConfigForTests();
    sink.messages.length = 0;
    sink.refuse(0);
    sink.delay(0);
    pauseMailNudgesForTests(true);
  });
  afterEach(async () => {
    pauseMailNudgesForTests(false);
    await settleMailNudges();
    delete process.env.SMTP_URL;
    if (opts.appUrl) delete process.env.APP_URL;
    resetConfigForTests();
  });
  return () => sink;
}
