import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import type { Application } from "@/lib/applications/schemas";

/** An address the partner gave, as a plain link out (never loaded by this page: the CSP and the reviewer's safety). */
function External({ href }: { href: string | null }) {
  if (!href) return <span className="text-slate-600">Not given</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="break-all text-brand-700 underline underline-offset-2 hover:text-brand-800">
      {href}
    </a>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5 py-2 sm:grid-cols-3 sm:gap-3">
      <dt className="text-slate-600">{label}</dt>
      <dd className="min-w-0 break-words sm:col-span-2">{children}</dd>
    </div>
  );
}

function Urls({ items }: { items: string[] }) {
  if (items.length === 0) return <span className="text-slate-600">None</span>;
  return (
    <ul className="grid gap-1">
      {items.map((u) => (
        <li key={u} className="break-all font-mono text-xs">
          {u}
        </li>
      ))}
    </ul>
  );
}

/** What the reviewer checks by hand: the listing-facing text, the partner's addresses, the version's endpoints. */
export function AppDetailsCard({ app }: { app: Application }) {
  const v = app.currentVersion;
  return (
    <Card title="App details">
      <dl className="divide-y divide-slate-100 text-sm">
        <Row label="Description">
          {app.description ? <p className="whitespace-pre-wrap">{app.description}</p> : <span className="text-slate-600">None</span>}
        </Row>
        <Row label="Category">{app.category ?? <span className="text-slate-600">None</span>}</Row>
        <Row label="Website">
          <External href={app.websiteUrl} />
        </Row>
        <Row label="Privacy policy">
          <External href={app.privacyPolicyUrl} />
        </Row>
        <Row label="Support email">
          {app.supportEmail ? (
            <a href={`mailto:${app.supportEmail}`} className="break-all text-brand-700 underline underline-offset-2 hover:text-brand-800">
              {app.supportEmail}
            </a>
          ) : (
            <span className="text-slate-600">Not given</span>
          )}
        </Row>
        <Row label="Logo">
          <External href={app.logoUrl} />
        </Row>
        <Row label="Redirect URIs">
          <Urls items={v.redirectUris} />
        </Row>
        <Row label="Webhook URL">{v.webhookUrl ? <span className="break-all font-mono text-xs">{v.webhookUrl}</span> : <span className="text-slate-600">None</span>}</Row>
        <Row label="Health-check URL">
          {v.healthCheckUrl ? <span className="break-all font-mono text-xs">{v.healthCheckUrl}</span> : <span className="text-slate-600">None</span>}
        </Row>
        <Row label="Changelog">
          <p className="whitespace-pre-wrap">{v.changelog || <span className="text-slate-600">None</span>}</p>
        </Row>
      </dl>
    </Card>
  );
}
