"use client";

import { useQuery } from "@tanstack/react-query";
import { ApiError, apiFetch, type Page } from "@/components/api/api-fetch";
import type { Forecast, Invoice, Payout, PayoutBalance, PayoutStatement, UpcomingInvoice } from "./types";

// Readers for the partner's billing pages. Everything lives under ["billing"], so a change
// (an invoice marked paid in another tab, a payout sent) refetches with one invalidation.

export const billingKey = ["billing"] as const;

/** True for the API's 404: (upcoming) the partner has no pricing plan; (a document) it is gone or no longer this partner's. */
export const isNotFound = (err: unknown) => err instanceof ApiError && err.status === 404;

/** The current period so far; null when the partner has no pricing plan yet (the API answers 404). */
export function useUpcomingInvoice() {
  return useQuery({
    queryKey: [...billingKey, "upcoming"],
    queryFn: async (): Promise<UpcomingInvoice | null> => {
      try {
        return await apiFetch<UpcomingInvoice>("/billing/invoices/upcoming");
      } catch (err) {
        if (isNotFound(err)) return null;
        throw err;
      }
    },
    // Calls are metered as they happen: an open page follows the period.
    refetchInterval: 60_000,
  });
}

/** One invoice, starting from what the page read on the server; kept current (it is paid, voided or goes overdue). */
export function useInvoice(initial: Invoice) {
  return useQuery({
    queryKey: [...billingKey, "invoice", initial.id],
    queryFn: () => apiFetch<Invoice>(`/billing/invoices/${encodeURIComponent(initial.id)}`),
    initialData: initial,
  });
}

export function usePayout(initial: Payout) {
  return useQuery({
    queryKey: [...billingKey, "payout", initial.id],
    queryFn: () => apiFetch<Payout>(`/billing/payouts/${encodeURIComponent(initial.id)}`),
    initialData: initial,
  });
}

export function usePayoutBalance() {
  return useQuery({
    queryKey: [...billingKey, "balance"],
    queryFn: () => apiFetch<PayoutBalance>("/billing/payouts/balance"),
  });
}

/** Statements, newest first; `period` narrows them to one month (a payout's page). */
export function usePayoutStatements(opts: { period?: string; limit?: number } = {}) {
  const qs = new URLSearchParams({ limit: String(opts.limit ?? 24) });
  if (opts.period) qs.set("period", opts.period);
  return useQuery({
    queryKey: [...billingKey, "statements", opts.period ?? null, opts.limit ?? 24],
    queryFn: () => apiFetch<Page<PayoutStatement>>(`/billing/payouts/statements?${qs}`),
  });
}

export const forecastKey = (months: number) => [...billingKey, "forecast", months] as const;

/**
 * The caller's forecast: its partner's, or the platform's for an admin (the API decides), with
 * `months` ahead. A heavy read that changes slowly: no polling; a settlement or a finished run
 * invalidates it with the rest of ["billing"].
 */
export function useForecast(months = 3) {
  return useQuery({
    queryKey: forecastKey(months),
    queryFn: () => apiFetch<Forecast>(`/billing/forecast?months=${months}`),
    staleTime: 5 * 60_000,
  });
}

/** Where a document downloads from: the API itself, with the session cookie. */
export const invoiceDownloadUrl = (id: string, format: "pdf" | "csv") => `/api/v1/billing/invoices/${encodeURIComponent(id)}?format=${format}`;
