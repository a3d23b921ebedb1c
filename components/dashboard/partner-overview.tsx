"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { CheckCircle2, Circle, Clock } from "lucide-react";
import { Bar, BarChart, ResponsiveContainer, Tooltip as ChartTooltip, XAxis, YAxis } from "recharts";
import { apiFetch } from "@/components/api/api-fetch";
import type { PartnerStats } from "@/components/partners/types";
import { Card } from "@/components/ui/card";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";

// The partner's dashboard: counts, the last 7 days of API traffic and webhook
// deliveries, recent activity from the audit log, and a checklist that reflects
// what is really there.

type UsageSeries = { totals: { calls: number; errors: number; errorRate: number }; days: { day: string; calls: number; clientErrors: number; serverErrors: number }[] };
type WebhookStats = { byStatus: { pending: number; succeeded: number; failed: number; dead: number } };
type Activity = { data: { id: string; action: string; actor: { type: string; name: string }; targetType: string; createdAt: string }[] };

const tiles: Array<{ key: keyof PartnerStats; label: string; href: string }> = [
  { key: "applications", label: "Apps", href: "/apps" },
  { key: "apiKeys", label: "Active API keys", href: "/keys" },
  { key: "webhookEndpoints", label: "Webhook endpoints", href: "/webhooks" },
  { key: "installations", label: "Installations", href: "/listings" },
  { key: "openTickets", label: "Open tickets", href: "/support?status=open,pending" },
];

const day = (d: Date) => d.toISOString().slice(0, 10);
const weekday = new Intl.DateTimeFormat("en-US", { weekday: "short", timeZone: "UTC" });
const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en-US");

/** "POST /api/v1/keys" → "POST keys"; named actions ("api_key.created") → "api key created". */
function describeAction(action: string): string {
  const m = /^(GET|POST|PUT|PATCH|DELETE) \/api\/v1\/(.+)$/.exec(action);
  if (m) return `${m[1]} ${m[2].replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "…")}`;
  return action.replace(/[._]/g, " ");
}

export function PartnerOverview({ partnerId, canSeeUsage, canSeeWebhooks }: { partnerId: string; canSeeUsage: boolean; canSeeWebhooks: boolean }) {
  const to = new Date();
  const from = new Date(to.getTime() - 6 * 86_400_000);
  const stats = useQuery({ queryKey: ["partner-stats", partnerId], queryFn: () => apiFetch<PartnerStats>(`/partners/${partnerId}/stats`) });
  const usage = useQuery({
    queryKey: ["dashboard-usage", day(from), day(to)],
    queryFn: () => apiFetch<UsageSeries>(`/billing/usage?from=${day(from)}&to=${day(to)}`),
    enabled: canSeeUsage,
  });
  const hooks = useQuery({
    queryKey: ["dashboard-webhooks", day(from)],
    queryFn: () => apiFetch<WebhookStats>(`/webhooks/stats?from=${day(from)}T00:00:00Z&to=${to.toISOString()}`),
    enabled: canSeeWebhooks,
  });
  const activity = useQuery({ queryKey: ["partner-activity", partnerId], queryFn: () => apiFetch<Activity>(`/partners/${partnerId}/activity?limit=8`) });

  if (stats.isPending) return <LoadingState />;
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => stats.refetch()} />;
  const s = stats.data;
  const steps: { state: "done" | "todo" | "waiting"; label: string; detail?: string; href: string }[] = [
    {
      state: s.technicalContacts > 0 && s.billingContacts > 0 ? "done" : "todo",
      label: "Add a technical and a billing contact",
      detail: s.technicalContacts > 0 && s.billingContacts === 0 ? "A billing contact is missing." : s.billingContacts > 0 && s.technicalContacts === 0 ? "A technical contact is missing." : undefined,
      href: "/settings/contacts",
    },
    s.agreementsIssued === 0
      ? { state: "waiting", label: "Accept your agreements", detail: "Portico has not issued any yet.", href: "/settings/agreements" }
      : { state: s.pendingAgreements === 0 ? "done" : "todo", label: "Accept your agreements", detail: s.pendingAgreements ? `${s.pendingAgreements} waiting for you.` : undefined, href: "/settings/agreements" },
    { state: s.applications > 0 ? "done" : "todo", label: "Register your first app", href: "/apps" },
    { state: s.apiKeys > 0 ? "done" : "todo", label: "Create an API key", href: "/keys" },
  ];
  const delivered = hooks.data?.byStatus;
  const settled = delivered ? delivered.succeeded + delivered.failed + delivered.dead : 0;

  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {tiles.map((t) => (
          <Link key={t.key} href={t.href} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-indigo-400">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{t.label}</p>
            <p className="mt-1 text-2xl font-semibold text-slate-900" data-testid={`stat-${t.key}`}>
              {s[t.key]}
            </p>
          </Link>
        ))}
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        {canSeeUsage && (
          <Card title="API requests, last 7 days" actions={<Link href="/usage" className="text-sm font-medium text-indigo-700 hover:underline">Usage</Link>}>
            {usage.isPending ? (
              <LoadingState />
            ) : usage.isError ? (
              <ErrorState error={usage.error} onRetry={() => usage.refetch()} />
            ) : (
              <>
                <dl className="mb-3 flex gap-6 text-sm">
                  <div>
                    <dt className="text-slate-600">Requests</dt>
                    <dd className="text-lg font-semibold text-slate-900">{whole.format(usage.data.totals.calls)}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">Error rate</dt>
                    <dd className="text-lg font-semibold text-slate-900">{percent.format(usage.data.totals.errorRate)}</dd>
                  </div>
                </dl>
                <div className="h-40" role="img" aria-label={`API requests per day: ${usage.data.days.map((d) => `${d.day} ${d.calls}`).join(", ")}`}>
                  <ResponsiveContainer width="100%" height={160}>
                    <BarChart data={usage.data.days.map((d) => ({ ...d, label: weekday.format(new Date(`${d.day}T00:00:00Z`)) }))} margin={{ top: 4, right: 4, bottom: 0, left: -16 }}>
                      <XAxis dataKey="label" tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: "var(--color-slate-600)" }} />
                      <YAxis allowDecimals={false} tickLine={false} axisLine={false} tick={{ fontSize: 12, fill: "var(--color-slate-600)" }} />
                      <ChartTooltip cursor={{ fill: "var(--color-slate-100)" }} />
                      <Bar dataKey="calls" name="Requests" fill="var(--color-indigo-600)" radius={[3, 3, 0, 0]} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              </>
            )}
          </Card>
        )}
        {canSeeWebhooks && (
          <Card title="Webhook deliveries, last 7 days" actions={<Link href="/webhooks" className="text-sm font-medium text-indigo-700 hover:underline">Webhooks</Link>}>
            {hooks.isPending ? (
              <LoadingState />
            ) : hooks.isError ? (
              <ErrorState error={hooks.error} onRetry={() => hooks.refetch()} />
            ) : (
              <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
                <div className="col-span-2 sm:col-span-4">
                  <dt className="text-slate-600">Success rate</dt>
                  <dd className="text-lg font-semibold text-slate-900" data-testid="webhook-success-rate">
                    {settled ? percent.format(delivered!.succeeded / settled) : "No deliveries yet"}
                  </dd>
                </div>
                {(["succeeded", "failed", "dead", "pending"] as const).map((k) => (
                  <div key={k}>
                    <dt className="capitalize text-slate-600">{k === "failed" ? "Retrying" : k}</dt>
                    <dd className="font-semibold text-slate-900">{whole.format(delivered![k])}</dd>
                  </div>
                ))}
              </dl>
            )}
          </Card>
        )}
      </div>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Getting started">
          <ol className="space-y-3 text-sm">
            {steps.map((step) => (
              <li key={step.label} className="flex items-start gap-3">
                {step.state === "done" ? (
                  <CheckCircle2 aria-hidden className="mt-0.5 size-5 shrink-0 text-emerald-600" />
                ) : step.state === "waiting" ? (
                  <Clock aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-500" />
                ) : (
                  <Circle aria-hidden className="mt-0.5 size-5 shrink-0 text-slate-400" />
                )}
                <span>
                  <span className="sr-only">{step.state === "done" ? "Done: " : step.state === "waiting" ? "Waiting: " : "To do: "}</span>
                  <Link href={step.href} className={step.state === "done" ? "text-slate-600 line-through" : "font-medium text-slate-900 hover:underline"}>
                    {step.label}
                  </Link>
                  {step.detail && <span className="block text-slate-600">{step.detail}</span>}
                </span>
              </li>
            ))}
          </ol>
        </Card>
        <Card title="Recent activity">
          {activity.isPending ? (
            <LoadingState />
          ) : activity.isError ? (
            <ErrorState error={activity.error} onRetry={() => activity.refetch()} />
          ) : activity.data.data.length === 0 ? (
            <p className="text-sm text-slate-600">Nothing yet: changes made by your team, keys and apps appear here.</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm" data-testid="activity">
              {activity.data.data.map((a) => (
                <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
                  <span className="min-w-0 break-words">
                    <span className="font-medium text-slate-900">{a.actor.name}</span> <span className="text-slate-700">{describeAction(a.action)}</span>
                  </span>
                  <span className="text-xs text-slate-600">
                    <Time value={a.createdAt} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
