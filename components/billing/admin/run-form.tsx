"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import type { BillingRun } from "@/lib/billing/schemas";
import { formatPeriodShort } from "../format";
import { lastMonth } from "./billing-figures";
import { billingKeys, usePartnerDirectory } from "./queries";
import { runFormSchema } from "./run-form-schema";

type RunKind = BillingRun["kind"];

/**
 * Starts an invoice or payout run for a closed month, for every partner or one. Runs are
 * idempotent: a partner already invoiced (or paid out) for the period is skipped.
 */
export function RunForm({ onStarted }: { onStarted: (run: BillingRun) => void }) {
  const qc = useQueryClient();
  const directory = usePartnerDirectory();
  const form = useApiForm(runFormSchema(), { defaultValues: { period: lastMonth(), partnerId: "" } });
  const kind = useRef<RunKind>("invoices");
  const start = useMutation({
    mutationFn: ({ kind: k, body }: { kind: RunKind; body: { period: string; partnerId?: string } }) =>
      apiFetch<{ runId: string; run: BillingRun }>(`/billing/${k}/run`, { body, idempotencyKey: crypto.randomUUID() }),
    meta: {
      success: (_: unknown, v: { kind: RunKind; body: { period: string } }) => `${v.kind === "invoices" ? "Invoice" : "Payout"} run for ${formatPeriodShort(v.body.period)} started`,
      error: false,
    },
    onSuccess: ({ run }) => {
      onStarted(run);
      void qc.invalidateQueries({ queryKey: billingKeys.runs });
    },
    onError: (e) => applyServerErrors(form, e),
  });

  return (
    <Card title="Start a run">
      <Form form={form} onSubmit={(body) => start.mutate({ kind: kind.current, body })} aria-label="Start a billing run" className="grid gap-4">
        <p className="text-sm text-slate-600">
          Runs also happen by themselves at 00:00 UTC on the 1st for the month before. Running a period again never duplicates an invoice or a payout.
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField name="period" label="Period" hint="A closed month (UTC).">
            <Input type="month" {...form.register("period")} max={lastMonth()} />
          </FormField>
          <FormField name="partnerId" label="Partner" hint={directory.data?.truncated ? "The first 1,000 partners by name." : "Leave on “All partners” for the month-end run."}>
            <Select {...form.register("partnerId")}>
              <option value="">All partners</option>
              {directory.data?.list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </Select>
          </FormField>
        </div>
        <FormErrorState error={start.error} />
        <div className="flex flex-wrap gap-2">
          {/* Submit buttons that say which run: a click names it before the form submits (Enter runs invoices). */}
          <Button type="submit" onClick={() => (kind.current = "invoices")} disabled={start.isPending}>
            {start.isPending && start.variables?.kind === "invoices" ? "Starting…" : "Run invoices"}
          </Button>
          <Button type="submit" variant="secondary" onClick={() => (kind.current = "payouts")} disabled={start.isPending}>
            {start.isPending && start.variables?.kind === "payouts" ? "Starting…" : "Run payouts"}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
