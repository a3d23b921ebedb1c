"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ApiError, apiFetch, type Page } from "@/components/api/api-fetch";
import type { Partner } from "@/components/partners/types";
import type { BillingRun, Invoice, InvoiceStatus, Payout, PayoutStatus, PricingPlan } from "@/lib/billing/schemas";
import { billingKey } from "../queries";
import { isFinished } from "./billing-figures";

// Query keys and readers of the admin billing pages. They sit under the portal's ["billing"] root,
// with the forecast they share with it, so a change (a run finishing, an invoice paid) refetches
// the page's figures together with one invalidation of `billingKeys.all`.

export const billingKeys = {
  all: billingKey,
  // Outside `all`: billing changes do not change the partner directory (a long read).
  partners: ["admin-billing", "partners"] as const,
  invoices: [...billingKey, "admin", "invoices"] as const,
  payouts: [...billingKey, "admin", "payouts"] as const,
  runs: [...billingKey, "admin", "runs"] as const,
  run: (id: string) => [...billingKey, "admin", "run", id] as const,
  pricing: (partnerId: string) => [...billingKey, "admin", "pricing", partnerId] as const,
};

export type PricingWithHistory = PricingPlan & { history?: PricingPlan[] };
export type PreviewResult = {
  period: string;
  billableCalls: number;
  invoice: Pick<Invoice, "lines" | "subtotalCents" | "taxCents" | "totalCents" | "currency"> | null;
};

/** Every page of a list, up to `maxPages` of 100 (`truncated` when there was more). */
export async function fetchAll<T>(path: string, params: Record<string, string | undefined> = {}, maxPages = 10): Promise<{ data: T[]; truncated: boolean }> {
  const data: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const qs = new URLSearchParams();
    Object.entries({ ...params, limit: "100", cursor }).forEach(([k, v]) => v && qs.set(k, v));
    const page = await apiFetch<Page<T>>(`${path}?${qs}`);
    data.push(...page.data);
    if (!page.nextCursor) return { data, truncated: false };
    cursor = page.nextCursor;
  }
  return { data, truncated: true };
}

/** Partners by id, to name them in invoices, payouts and runs, and to pick one for a run. */
export function usePartnerDirectory() {
  const query = useQuery({
    queryKey: billingKeys.partners,
    queryFn: async () => {
      const { data, truncated } = await fetchAll<Partner>("/partners");
      return { list: [...data].sort((a, b) => a.name.localeCompare(b.name)), byId: new Map(data.map((p) => [p.id, p])), truncated };
    },
    staleTime: 5 * 60_000,
  });
  return query;
}

export type InvoiceTotals = { period: string | null; totals: { status: InvoiceStatus; count: number; totalCents: number }[] };

/** Count and total of a period's invoices per status (one request for the KPI cards). */
export function useInvoiceTotals(period: string) {
  return useQuery({
    queryKey: [...billingKeys.invoices, "totals", period],
    queryFn: () => apiFetch<InvoiceTotals>(`/billing/invoices/totals?period=${period}`),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/** Overdue invoices across all periods, most overdue first. */
export function useOverdueInvoices() {
  return useQuery({
    queryKey: [...billingKeys.invoices, "overdue"],
    queryFn: async () => {
      const r = await fetchAll<Invoice>("/billing/invoices", { status: "overdue" }, 5);
      return { ...r, data: [...r.data].sort((a, b) => a.dueAt.localeCompare(b.dueAt)) };
    },
    refetchInterval: 60_000,
  });
}

/** Payouts waiting to be paid: pending, then processing, oldest period first. */
export function usePayoutQueue() {
  return useQuery({
    queryKey: [...billingKeys.payouts, "queue"],
    queryFn: async () => {
      const [pending, processing] = await Promise.all(
        (["pending", "processing"] as PayoutStatus[]).map((status) => fetchAll<Payout>("/billing/payouts", { status }, 5)),
      );
      const byAge = (a: Payout, b: Payout) => a.period.localeCompare(b.period) || a.createdAt.localeCompare(b.createdAt);
      return { data: [...pending.data.sort(byAge), ...processing.data.sort(byAge)], truncated: pending.truncated || processing.truncated };
    },
    refetchInterval: 30_000,
  });
}

/** One run, polled every second until it succeeds or fails. */
export function useRun(id: string | null) {
  return useQuery({
    queryKey: billingKeys.run(id ?? "none"),
    queryFn: () => apiFetch<BillingRun>(`/billing/runs/${id}`),
    enabled: !!id,
    refetchInterval: (q) => (isFinished(q.state.data) ? false : 1000),
  });
}

/** A partner's plan with its history; null when the partner has none (the API's 404). `"default"` reads the default plan. */
export function usePricing(partnerId: string) {
  return useQuery({
    queryKey: billingKeys.pricing(partnerId),
    queryFn: async () => {
      try {
        return await apiFetch<PricingWithHistory>(`/billing/pricing/${partnerId}`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return null;
        throw e;
      }
    },
  });
}

/** A partner's name from the directory, or a short id while it loads (or past the directory's end). */
export function partnerName(directory: { byId: Map<string, Partner> } | undefined, id: string | null): string {
  if (id === null) return "All partners";
  return directory?.byId.get(id)?.name ?? `Partner ${id.slice(0, 8)}`;
}
