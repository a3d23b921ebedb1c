"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch, type Page } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import type { Agreement, Contact, Partner, PartnerStats } from "@/components/partners/types";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Dialog } from "@/components/ui/confirm-dialog";
import { Input, Textarea } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { IssueAgreement } from "@/lib/partners/schemas";
import { StatusActionDialog } from "./status-action-dialog";

export function PartnerDetail({ partnerId }: { partnerId: string }) {
  const qc = useQueryClient();
  const partner = useQuery({ queryKey: ["partner", partnerId], queryFn: () => apiFetch<Partner>(`/partners/${partnerId}`) });
  const stats = useQuery({ queryKey: ["partner-stats", partnerId], queryFn: () => apiFetch<PartnerStats>(`/partners/${partnerId}/stats`) });
  const contacts = useQuery({ queryKey: ["contacts", partnerId], queryFn: () => apiFetch<Page<Contact>>(`/partners/${partnerId}/contacts?limit=100`) });
  const agreements = useQuery({
    queryKey: ["agreements", partnerId],
    queryFn: () => apiFetch<Page<Agreement>>(`/partners/${partnerId}/agreements?limit=100`),
  });
  const [acting, setActing] = useState<"activate" | "suspend" | null>(null);
  const [issuing, setIssuing] = useState(false);

  if (partner.isPending) return <LoadingState />;
  if (partner.isError) return <ErrorState error={partner.error} onRetry={() => partner.refetch()} />;
  const p = partner.data;
  const refresh = () => qc.invalidateQueries({ predicate: (q) => JSON.stringify(q.queryKey).includes(partnerId) || q.queryKey[0] === "partners" });

  return (
    <>
      <PageHeader
        title={p.name}
        description={
          <span className="flex items-center gap-2">
            <Badge>{p.status}</Badge> <span className="font-mono">{p.slug}</span> · {p.tier} tier
          </span>
        }
        actions={
          <>
            {p.status !== "active" && <Button onClick={() => setActing("activate")}>Approve</Button>}
            {(p.status === "active" || p.status === "pending") && (
              <Button variant="dangerOutline" onClick={() => setActing("suspend")}>
                Suspend
              </Button>
            )}
          </>
        }
      />
      {p.statusReason && (
        <p className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          Last status change
          {p.statusChangedAt && (
            <>
              {" "}
              (<Time value={p.statusChangedAt} />)
            </>
          )}
          : {p.statusReason}
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Profile">
          <dl className="grid grid-cols-3 gap-2 text-sm [&>dd]:min-w-0 [&>dd]:break-words">
            <dt className="text-slate-600">Type</dt>
            <dd className="col-span-2">{p.type}</dd>
            <dt className="text-slate-600">Website</dt>
            <dd className="col-span-2">{p.website ?? "—"}</dd>
            <dt className="text-slate-600">Country</dt>
            <dd className="col-span-2">{p.country ?? "—"}</dd>
            <dt className="text-slate-600">Description</dt>
            <dd className="col-span-2 whitespace-pre-wrap">{p.description || "—"}</dd>
          </dl>
        </Card>
        <Card title="Activity">
          {stats.data ? (
            <dl className="grid grid-cols-2 gap-2 text-sm">
              {Object.entries(stats.data).map(([k, v]) => (
                <div key={k} className="flex justify-between rounded bg-slate-50 px-3 py-2">
                  <dt className="text-slate-600">{k.replace(/([A-Z])/g, " $1").toLowerCase()}</dt>
                  <dd className="font-semibold">{v}</dd>
                </div>
              ))}
            </dl>
          ) : stats.isError ? (
            <ErrorState error={stats.error} />
          ) : (
            <LoadingState />
          )}
        </Card>
        <Card title="Contacts">
          {contacts.data?.data.length ? (
            <ul className="divide-y divide-slate-100 text-sm">
              {contacts.data.data.map((c) => (
                <li key={c.id} className="flex justify-between gap-3 py-2">
                  <span className="min-w-0 break-words">
                    {c.name} <span className="text-slate-600">· {c.email}</span>
                  </span>
                  <span className="flex gap-1">
                    <Badge tone="gray">{c.kind}</Badge>
                    {c.isPrimary && <Badge tone="blue">primary</Badge>}
                  </span>
                </li>
              ))}
            </ul>
          ) : contacts.isPending ? (
            <LoadingState />
          ) : (
            <p className="text-sm text-slate-600">No contacts yet.</p>
          )}
        </Card>
        <Card title="Agreements" actions={<Button size="sm" onClick={() => setIssuing(true)}>Issue agreement</Button>}>
          {agreements.data?.data.length ? (
            <ul className="divide-y divide-slate-100 text-sm">
              {agreements.data.data.map((a) => (
                <li key={a.id} className="flex justify-between gap-3 py-2">
                  <span className="min-w-0 break-words">
                    {a.title} <span className="text-slate-600">v{a.version}</span>
                    <span className="block text-xs text-slate-600">
                      {a.acceptedAt ? (
                        <>
                          accepted <Time value={a.acceptedAt} />
                        </>
                      ) : (
                        <>
                          issued <Time value={a.createdAt} />
                        </>
                      )}
                    </span>
                  </span>
                  {a.acceptedAt ? <Badge tone="green">accepted</Badge> : <Badge tone="yellow">pending</Badge>}
                </li>
              ))}
            </ul>
          ) : agreements.isPending ? (
            <LoadingState />
          ) : (
            <EmptyState title="No agreements issued">Issue the partner agreement for the owner to accept.</EmptyState>
          )}
        </Card>
      </div>
      {acting && (
        <StatusActionDialog
          partner={p}
          action={acting}
          onClose={() => setActing(null)}
          onDone={() => {
            setActing(null);
            refresh();
          }}
        />
      )}
      {issuing && (
        <IssueAgreementDialog
          partnerId={partnerId}
          onClose={() => setIssuing(false)}
          onDone={() => {
            setIssuing(false);
            refresh();
          }}
        />
      )}
    </>
  );
}

function IssueAgreementDialog({ partnerId, onClose, onDone }: { partnerId: string; onClose: () => void; onDone: () => void }) {
  // The API's own IssueAgreement: its input is exactly these four text fields.
  const form = useApiForm(IssueAgreement, { defaultValues: { kind: "partner-agreement", version: "1.0", title: "Portico Partner Agreement", body: "" } });
  const issue = useMutation({
    mutationFn: (body: IssueAgreement) => apiFetch(`/partners/${partnerId}/agreements`, { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: "Agreement issued", error: false },
    onSuccess: onDone,
    onError: (e) => applyServerErrors(form, e),
  });
  return (
    <Dialog open onClose={onClose} title="Issue an agreement">
      <Form form={form} onSubmit={(body) => issue.mutate(body)} className="grid gap-3">
        <div className="grid grid-cols-2 gap-3">
          <FormField name="kind" label="Kind">
            <Input {...form.register("kind")} required maxLength={60} />
          </FormField>
          <FormField name="version" label="Version">
            <Input {...form.register("version")} required maxLength={30} />
          </FormField>
        </div>
        <FormField name="title" label="Title">
          <Input {...form.register("title")} required maxLength={200} />
        </FormField>
        <FormField name="body" label="Text">
          <Textarea {...form.register("body")} rows={6} required />
        </FormField>
        <FormErrorState error={issue.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={issue.isPending}>
            {issue.isPending ? "Issuing…" : "Issue agreement"}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}
