import { Info } from "lucide-react";

/** Said on the outbox pages when the server has no SMTP_URL: nothing here leaves the platform. */
export function SmtpBanner() {
  return (
    <div className="mb-6 flex gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="smtp-banner">
      <Info aria-hidden className="mt-0.5 size-4 shrink-0" />
      <p>
        <span className="font-medium">SMTP is not configured:</span> mail is kept here instead of being sent (set <code className="font-mono text-xs">SMTP_URL</code>).
      </p>
    </div>
  );
}
