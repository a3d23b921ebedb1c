import Link from "next/link";
import { getDb } from "@/db";
import { listEventTypes } from "@/lib/events/event-types";
import { webhookBody } from "@/lib/webhooks/webhook-body";
import { PageHeader } from "@/components/ui/page-header";

export const metadata = { title: "Event catalog" };
export const dynamic = "force-dynamic";

/** Every event a partner can subscribe to, with its payload schema and an example, as the webhook body carries it. */
export default async function EventCatalogPage() {
  const { data, areas } = await listEventTypes(await getDb());
  const latest = new Map(data.map((t) => [t.name, t]));
  return (
    <main className="mx-auto max-w-5xl px-4 py-10">
      <PageHeader
        title="Event catalog"
        description={
          <>
            Subscribe a webhook endpoint to an event (<code>lead.created</code>), an area (<code>lead.*</code>) or everything (<code>*</code>). Deliveries are signed
            per <a className="text-brand-700 underline" href="https://www.standardwebhooks.com">Standard Webhooks</a>. See the{" "}
            <Link className="text-brand-700 underline" href="/docs/api">
              API reference
            </Link>
            .
          </>
        }
      />
      <nav aria-label="Areas" className="mb-8 flex flex-wrap gap-2 text-sm">
        {areas.map((a) => (
          <a key={a.area} href={`#${a.area}`} className="rounded-full bg-white px-3 py-1 ring-1 ring-slate-200 hover:ring-brand-500">
            {a.area} <span className="text-slate-600">({a.types.length})</span>
          </a>
        ))}
      </nav>
      {areas.map((a) => (
        <section key={a.area} id={a.area} className="mb-10">
          <h2 className="mb-3 text-lg font-semibold capitalize">{a.area}</h2>
          <div className="space-y-4">
            {[...new Set(a.types)].map((name) => {
              const t = latest.get(name)!;
              // Built the way deliveries are, so the example cannot drift from what is sent.
              const body = JSON.parse(
                webhookBody({ id: "8f1c…", type: t.name, createdAt: new Date("2026-11-25T10:00:00.000Z"), data: t.examplePayload as Record<string, unknown>, accountId: null, partnerId: "6e5d…" }),
              );
              return (
                <details key={name} id={name} className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid={`event-type-${name}`}>
                  <summary className="flex cursor-pointer items-center justify-between px-4 py-3">
                    <span>
                      <code className="font-semibold text-slate-900">{t.name}</code>
                      <span className="ml-3 text-sm text-slate-600">{t.description}</span>
                    </span>
                    <span className="text-xs text-slate-600">v{t.version}</span>
                  </summary>
                  <div className="grid gap-4 border-t border-slate-200 p-4 lg:grid-cols-2">
                    <div>
                      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">Example webhook body</h3>
                      <pre className="max-h-80 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(body, null, 2)}</pre>
                    </div>
                    <div>
                      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">Payload schema (data)</h3>
                      <pre className="max-h-80 overflow-auto rounded-md bg-slate-50 p-3 text-xs text-slate-800 ring-1 ring-slate-200">
                        {JSON.stringify(t.payloadSchema, null, 2)}
                      </pre>
                    </div>
                  </div>
                </details>
              );
            })}
          </div>
        </section>
      ))}
    </main>
  );
}
