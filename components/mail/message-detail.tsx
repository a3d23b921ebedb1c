"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { kindLabel } from "@/components/notifications/kinds";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { MailBody } from "./mail-body";
import { MailStatusBadge, mailStatusMeaning } from "./mail-status-badge";
import { useMailMessage } from "./queries";
import { RetryMailButton } from "./retry-mail-button";
import type { MailMessageDetail } from "./types";

/** One mail as an admin reads it: its headers, what happened to it, and its bodies. */
export function MessageDetail({ initial }: { initial: MailMessageDetail }) {
  const { data: m } = useMailMessage(initial);
  const { group, label } = kindLabel(m.kind);
  return (
    <>
      <PageHeader
        title={m.subject}
        description={<>To {m.to}</>}
        actions={
          <>
            <Link
              href="/admin/outbox"
              className="inline-flex items-center gap-1.5 rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50"
            >
              <ArrowLeft aria-hidden className="size-4" />
              Outbox
            </Link>
            {m.status === "failed" && <RetryMailButton id={m.id} />}
          </>
        }
      />
      <div className="grid gap-6">
        <Card title="Headers">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_minmax(0,1fr)] [&>dd]:min-w-0 [&>dd]:text-slate-800 [&>dd]:[overflow-wrap:anywhere] [&>dt]:font-medium [&>dt]:text-slate-600 max-sm:[&>dd]:mb-2">
            <Row term="To">{m.to}</Row>
            <Row term="Subject">{m.subject}</Row>
            <Row term="Kind">
              {group} · {label} <code className="ml-1 font-mono text-xs text-slate-600">{m.kind}</code>
            </Row>
            <Row term="Status">
              <MailStatusBadge status={m.status} /> <span className="text-slate-600">{mailStatusMeaning[m.status]}</span>
            </Row>
            <Row term="Attempts">{m.attempts}</Row>
            <Row term="Last error">{m.lastError ? <span className="font-mono text-xs text-red-700">{m.lastError}</span> : <span className="text-slate-600">None</span>}</Row>
            <Row term="Message id">{m.messageId ? <span className="font-mono text-xs">{m.messageId}</span> : <span className="text-slate-600">None yet</span>}</Row>
            <Row term="Created">
              <Time value={m.createdAt} />
            </Row>
            <Row term="Sent">
              <Time value={m.sentAt} fallback="Not sent" />
            </Row>
            {m.nextAttemptAt && m.status !== "sent" && (
              <Row term="Next attempt">
                <Time value={m.nextAttemptAt} />
              </Row>
            )}
          </dl>
        </Card>
        <Card title="Body">
          <MailBody subject={m.subject} html={m.htmlBody} text={m.textBody} />
        </Card>
      </div>
    </>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
