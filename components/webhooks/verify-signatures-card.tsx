"use client";

import { useState } from "react";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Segmented } from "@/components/ui/segmented";

const samples = {
  node: `// npm install standardwebhooks
import { Webhook } from "standardwebhooks";

const wh = new Webhook(process.env.PORTICO_WEBHOOK_SECRET); // "whsec_…"

app.post("/webhooks/portico", express.raw({ type: "application/json" }), (req, res) => {
  try {
    // Throws unless webhook-id, webhook-timestamp and webhook-signature check out.
    const event = wh.verify(req.body.toString("utf8"), req.headers);
    handle(event);
    res.sendStatus(204);
  } catch {
    res.sendStatus(400);
  }
});`,
  python: `# pip install standardwebhooks
import os
from standardwebhooks.webhooks import Webhook

wh = Webhook(os.environ["PORTICO_WEBHOOK_SECRET"])  # "whsec_…"

@app.post("/webhooks/portico")
def portico_webhook():
    try:
        # Use the raw body: re-serialised JSON will not match the signature.
        event = wh.verify(request.get_data(as_text=True), dict(request.headers))
    except Exception:
        return "", 400
    handle(event)
    return "", 204`,
  curl: `# Standard Webhooks signature, by hand:
#   base64( HMAC-SHA256( base64decode(secret without "whsec_"),
#                        "{webhook-id}.{webhook-timestamp}.{body}" ) )
SECRET="whsec_…"
MSG_ID="msg_…"          # webhook-id header
TIMESTAMP="1700000000"  # webhook-timestamp header (reject if older than 5 min)
BODY="$(cat body.json)"  # the raw request body, byte for byte

KEY_HEX=$(printf '%s' "\${SECRET#whsec_}" | base64 -d | xxd -p -c 256)
printf '%s' "$MSG_ID.$TIMESTAMP.$BODY" \\
  | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$KEY_HEX" -binary \\
  | base64
# Compare with each "v1,<sig>" in the webhook-signature header (space separated;
# during a secret rotation both the old and new signatures are present).`,
} as const;

type Lang = keyof typeof samples;
const langs = [
  { value: "node" as const, label: "Node" },
  { value: "python" as const, label: "Python" },
  { value: "curl" as const, label: "curl / openssl" },
];

export function VerifySignaturesCard() {
  const [lang, setLang] = useState<Lang>("node");
  return (
    <Card title="Verify signatures">
      <p className="mb-4 text-sm text-slate-600">
        Every delivery follows the{" "}
        <a className="text-brand-700 underline" href="https://www.standardwebhooks.com/" target="_blank" rel="noreferrer">
          Standard Webhooks
        </a>{" "}
        spec: it carries <code className="font-mono text-xs">webhook-id</code>, <code className="font-mono text-xs">webhook-timestamp</code> and{" "}
        <code className="font-mono text-xs">webhook-signature</code> headers. Verify them with your endpoint&apos;s signing secret before
        trusting the body.
      </p>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <Segmented label="Language" options={langs} value={lang} onChange={setLang} />
        <CopyButton value={samples[lang]} label="Copy code" />
      </div>
      {/* Code keeps its lines; the block scrolls sideways on a narrow screen, so it takes focus for keyboard scrolling. */}
      <pre
        tabIndex={0}
        role="region"
        aria-label={`${langs.find((l) => l.value === lang)?.label} sample`}
        className="overflow-x-auto rounded-md bg-slate-900 px-4 py-3 font-mono text-xs leading-5 text-slate-100"
      >
        {samples[lang]}
      </pre>
    </Card>
  );
}
