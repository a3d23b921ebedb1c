"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ApiError, apiFetch } from "@/components/api/api-fetch";
import { asSentence } from "@/components/forms/error-map";
import { LoadingState } from "@/components/ui/states";
import { formatCents } from "@/lib/billing/money";
import { billingKeys, type PreviewResult } from "./queries";
import { fieldLabel, toPlanInput, type PricingFormValues } from "./pricing-form-model";

const int = new Intl.NumberFormat("en-US");

/** The value after a pause in typing: one preview request per pause, not per key. */
function useSettled<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [key, ms]); // eslint-disable-line react-hooks/exhaustive-deps
  return settled;
}

/**
 * What the plan in the form, as it stands (before saving), would have charged the partner for
 * last month's billable calls: the API prices the real usage with the draft plan.
 */
export function PricingPreview({ partnerId, values }: { partnerId: string; values: PricingFormValues }) {
  const draft = toPlanInput(values);
  const body = useSettled(draft.ok ? draft.body : null);
  const preview = useQuery({
    queryKey: [...billingKeys.pricing(partnerId), "preview", body],
    queryFn: () => apiFetch<PreviewResult>(`/billing/pricing/${partnerId}/preview`, { method: "POST", body }),
    enabled: body !== null,
    placeholderData: (prev) => prev,
    retry: false,
    staleTime: 60_000,
  });
  const waiting = !draft.ok;
  const stale = preview.isFetching || (draft.ok && JSON.stringify(draft.body) !== JSON.stringify(body));

  return (
    <section aria-labelledby="pricing-preview-title" className="min-w-0 rounded-lg border border-slate-200 bg-slate-50 p-4" data-testid="pricing-preview">
      <h2 id="pricing-preview-title" className="text-sm font-semibold text-slate-900">
        Live preview
      </h2>
      <p className="mt-1 text-xs text-slate-600">The plan as you edit it (before saving), priced on last month&apos;s real usage.</p>
      <div className="mt-3" aria-live="polite" aria-busy={stale} data-testid="pricing-preview-result">
        {waiting ? (
          <>
            <p className="text-sm text-slate-700">
              The preview waits for a complete plan: {draft.errors.length === 1 ? "1 field needs" : `${draft.errors.length} fields need`} fixing.
            </p>
            <ul className="mt-1 list-disc pl-5 text-xs text-slate-700">
              {draft.errors.slice(0, 4).map((e) => (
                <li key={e.path}>
                  {fieldLabel(e.path)}: {asSentence(e.message)}
                </li>
              ))}
            </ul>
          </>
        ) : preview.isError ? (
          <p className="text-sm text-red-700">
            The preview could not be made: {preview.error instanceof ApiError && preview.error.errors.length ? preview.error.errors.map((e) => e.message).join("; ") : preview.error.message}
          </p>
        ) : !preview.data ? (
          <LoadingState label="Working out the preview…" />
        ) : (
          <PreviewFigures result={preview.data} />
        )}
      </div>
    </section>
  );
}

function PreviewFigures({ result }: { result: PreviewResult }) {
  const { invoice } = result;
  const calls = `${int.format(result.billableCalls)} billable ${result.billableCalls === 1 ? "call" : "calls"} in ${result.period}`;
  if (!invoice) {
    return (
      <p className="text-sm text-slate-800" data-testid="pricing-preview-sentence">
        With last month&apos;s usage ({calls}) this plan would have cost <span className="font-semibold">{formatCents(0)}</span>: it issues no invoice.
      </p>
    );
  }
  const money = (cents: number) => formatCents(cents, invoice.currency);
  return (
    <>
      <p className="text-sm text-slate-800" data-testid="pricing-preview-sentence">
        With last month&apos;s usage ({calls}) this plan would have cost <span className="font-semibold text-slate-900">{money(invoice.totalCents)}</span>.
      </p>
      <table className="mt-3 w-full text-sm" aria-label="Preview invoice lines">
        <thead className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="py-1.5 pr-2">
              Line
            </th>
            <th scope="col" className="py-1.5 pl-2 text-right">
              Amount
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 text-slate-700">
          {invoice.lines.map((line, i) => (
            <tr key={`${i}-${line.kind}`}>
              <td className="py-1.5 pr-2 align-top">
                {line.description}
                {line.kind === "usage" && <span className="block text-xs text-slate-600">{int.format(line.quantity)} calls × {money(line.unitAmountCents)} per 1,000</span>}
              </td>
              <td className="py-1.5 pl-2 text-right align-top tabular-nums">{money(line.amountCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot className="border-t border-slate-300 text-slate-800">
          <tr>
            <th scope="row" className="py-1.5 pr-2 text-left font-normal">
              Subtotal
            </th>
            <td className="py-1.5 pl-2 text-right tabular-nums">{money(invoice.subtotalCents)}</td>
          </tr>
          <tr>
            <th scope="row" className="py-1.5 pr-2 text-left font-normal">
              Tax
            </th>
            <td className="py-1.5 pl-2 text-right tabular-nums">{money(invoice.taxCents)}</td>
          </tr>
          <tr>
            <th scope="row" className="py-1.5 pr-2 text-left font-semibold">
              Total
            </th>
            <td className="py-1.5 pl-2 text-right font-semibold tabular-nums text-slate-900">{money(invoice.totalCents)}</td>
          </tr>
        </tfoot>
      </table>
    </>
  );
}
