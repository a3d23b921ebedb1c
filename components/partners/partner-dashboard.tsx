"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/api-fetch";
import { Card } from "@/components/ui/card";
import { ErrorState, LoadingState } from "@/components/ui/states";
import type { PartnerStats } from "./types";

const tiles: Array<{ key: keyof PartnerStats; label: string; href: string }> = [
  { key: "applications", label: "Apps", href: "/apps" },
  { key: "apiKeys", label: "Active API keys", href: "/keys" },
  { key: "webhookEndpoints", label: "Webhook endpoints", href: "/webhooks" },
  { key: "installations", label: "Installations", href: "/listings" },
  { key: "openTickets", label: "Open tickets", href: "/support" },
];

export function PartnerDashboard({ partnerId }: { partnerId: string }) {
  const stats = useQuery({ queryKey: ["partner-stats", partnerId], queryFn: () => apiFetch<PartnerStats>(`/partners/${partnerId}/stats`) });
  if (stats.isPending) return <LoadingState />;
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => stats.refetch()} />;
  const s = stats.data;
  const steps = [
    { done: s.contacts > 0, label: "Add a technical and a billing contact", href: "/settings/contacts" },
    { done: s.pendingAgreements === 0, label: "Accept the agreements the Portico team issues", href: "/settings/agreements" },
    { done: s.applications > 0, label: "Register your first app", href: "/apps" },
    { done: s.apiKeys > 0, label: "Create an API key", href: "/keys" },
  ];
  return (
    <div className="space-y-6">
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-5">
        {tiles.map((t) => (
          <Link key={t.key} href={t.href} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{t.label}</p>
            <p className="mt-1 text-2xl font-semibold text-slate-900" data-testid={`stat-${t.key}`}>
              {s[t.key]}
            </p>
          </Link>
        ))}
      </div>
      <Card title="Getting started">
        <ol className="space-y-2 text-sm">
          {steps.map((step) => (
            <li key={step.label} className="flex items-center gap-3">
              <span
                aria-label={step.done ? "done" : "to do"}
                className={`grid size-5 place-items-center rounded-full text-xs ${step.done ? "bg-emerald-100 text-emerald-700" : "bg-slate-100 text-slate-500"}`}
              >
                {step.done ? "✓" : ""}
              </span>
              <Link href={step.href} className={step.done ? "text-slate-500 line-through" : "text-slate-800 hover:underline"}>
                {step.label}
              </Link>
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
