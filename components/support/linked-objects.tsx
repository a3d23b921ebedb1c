import { ArrowUpRight, Paperclip } from "lucide-react";
import Link from "next/link";
import { Badge, type Tone } from "@/components/ui/badge";
import type { TicketLink, TicketLinkContext } from "@/lib/support/schemas";
import { linkTypeLabel, linkTypeNoun } from "./format";

// What the ticket points at, each as a card with its live state (read when the ticket was read):
// its label, its status in the API's tone, a few facts and the way to it in the portal.

const badgeTone: Record<TicketLinkContext["tone"], Tone> = { ok: "green", warning: "yellow", error: "red", neutral: "gray" };

export function LinkedObjects({ links, headingLevel = 2 }: { links: TicketLink[]; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const Item = headingLevel === 2 ? "h3" : "h4";
  return (
    <section aria-labelledby="linked-heading" className="grid gap-3">
      <Heading id="linked-heading" className="flex items-center gap-1.5 text-sm font-semibold text-slate-900">
        <Paperclip aria-hidden className="size-4" />
        Attached ({links.length})
      </Heading>
      {links.length === 0 ? (
        <p className="text-sm text-slate-600">Nothing is attached to this ticket.</p>
      ) : (
        <ul className="grid gap-3">
          {links.map((l) => (
            <li key={`${l.type}:${l.id}`} data-testid={`linked-${l.type}`} className="rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm">
              <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{linkTypeLabel[l.type]}</p>
              {l.context ? (
                <>
                  <div className="mt-1 flex flex-wrap items-start justify-between gap-2">
                    <Item className="min-w-0 font-medium text-slate-900 [overflow-wrap:anywhere]">{l.context.label}</Item>
                    {l.context.status && (
                      <span data-tone={l.context.tone}>
                        <Badge tone={badgeTone[l.context.tone]}>{l.context.status}</Badge>
                      </span>
                    )}
                  </div>
                  {Object.keys(l.context.details).length > 0 && (
                    <dl className="mt-2 grid gap-x-3 gap-y-1 text-xs sm:grid-cols-[auto_1fr]">
                      {Object.entries(l.context.details).map(([k, v]) => (
                        <div key={k} className="contents">
                          <dt className="text-slate-600">{k}</dt>
                          <dd className="min-w-0 text-slate-800 [overflow-wrap:anywhere] max-sm:mb-1">{v}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                  {l.context.href && (
                    <Link href={l.context.href} className="mt-2 inline-flex items-center gap-1 text-xs font-medium text-brand-700 hover:underline">
                      Open {linkTypeNoun[l.type]}
                      <span className="sr-only">: {l.context.label}</span>
                      <ArrowUpRight aria-hidden className="size-3.5" />
                    </Link>
                  )}
                </>
              ) : (
                <p className="mt-1 text-slate-600">
                  This {linkTypeNoun[l.type]} no longer exists <span className="font-mono text-xs">({l.id.slice(0, 8)})</span>.
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
