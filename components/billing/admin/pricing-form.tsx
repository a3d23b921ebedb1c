"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useController, useWatch, type FieldPath } from "react-hook-form";
import { ApiError, apiFetch, type FieldError } from "@/components/api/api-fetch";
import { SERVER_ERROR, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { ChoiceCards } from "@/components/ui/choice-cards";
import { Input, Select } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import type { PricingPlan } from "@/lib/billing/schemas";
import { modelChoices } from "./plan-summary";
import { fieldsFor, placePricingErrors, PricingForm, type PlanInputBody, type PricingFormValues } from "./pricing-form-model";
import { PricingPreview } from "./pricing-preview";
import { billingKeys } from "./queries";
import { TierTable } from "./tier-table";

const dayFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

const tierModeChoices = [
  { value: "graduated", label: "Graduated", detail: "Each tier's price applies to the calls within it: one line per tier reached." },
  { value: "volume", label: "Volume", detail: "Every billable call at the price of the tier the total falls in: one line." },
] as const;

/**
 * The pricing form of one partner (or of the default plan): the model as choice cards, the fields
 * that model uses, the tier table, and beside it the live preview of what the draft would have
 * charged for last month. Saving adds the plan to the history from its effective date.
 */
export function PricingFormView({
  partnerId,
  initial,
  latest,
  subject,
}: {
  /** A partner's id, or "default". */
  partnerId: string;
  initial: PricingFormValues;
  /** The latest plan (for the effective-date hint), if any. */
  latest: PricingPlan | null;
  /** "Acme Insurance" or "the default plan": who the toast names. */
  subject: string;
}) {
  const qc = useQueryClient();
  const form = useApiForm(PricingForm, { defaultValues: initial });
  const [unplaced, setUnplaced] = useState<FieldError[]>([]);
  const values = useWatch({ control: form.control }) as PricingFormValues;
  const model = useController({ control: form.control, name: "model" });
  const tierMode = useController({ control: form.control, name: "tierMode" });
  const show = fieldsFor(values.model ?? initial.model);
  const isDefault = partnerId === "default";

  const save = useMutation({
    mutationFn: (body: PlanInputBody) => apiFetch<PricingPlan>(`/billing/pricing/${partnerId}`, { method: "PUT", body }),
    meta: { success: isDefault ? "Default plan saved" : `Pricing for ${subject} saved`, error: false },
    onMutate: () => setUnplaced([]),
    onSuccess: () => qc.invalidateQueries({ queryKey: billingKeys.pricing(partnerId) }),
    onError: (e) => showServerErrors(e),
  });

  /** The API's 422 errors at the fields they name (its paths are in cents and basis points; the form's are not). */
  function showServerErrors(error: unknown) {
    const errors = error instanceof ApiError ? error.errors : [];
    if (errors.length === 0) {
      form.setError(SERVER_ERROR as FieldPath<PricingFormValues>, { type: error instanceof ApiError ? error.code : "network", message: error instanceof Error ? error.message : String(error) });
      return;
    }
    const { placed, unplaced: rest } = placePricingErrors(errors, form.getValues());
    for (const p of placed) form.setError(p.path as FieldPath<PricingFormValues>, { type: "server", message: p.message });
    setUnplaced(rest);
    const first = placed.find((p) => !/^tiers(\.\d+)?$/.test(p.path));
    if (first) form.setFocus(first.path as FieldPath<PricingFormValues>);
  }

  const since = latest ? dayFormat.format(new Date(latest.effectiveFrom)) : null;

  return (
    <div className={`grid items-start gap-6 ${isDefault ? "" : "2xl:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]"}`}>
      <Form form={form} onSubmit={(body) => save.mutate(body)} aria-label="Pricing plan" className="grid min-w-0 gap-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <fieldset disabled={save.isPending} className="grid min-w-0 gap-6">
          <fieldset>
            <legend className="mb-2 text-sm font-medium text-slate-800">Pricing model</legend>
            <ChoiceCards name={model.field.name} choices={modelChoices} value={model.field.value} onChange={model.field.onChange} />
          </fieldset>

          <div className="grid gap-4 sm:grid-cols-2">
            <FormField
              name="revenueSharePercent"
              label="Revenue share (%)"
              hint={show.revenueShareRequired ? "The platform's share of the partner's marketplace sales." : "Optional: the platform's share of marketplace sales, taken from payouts."}
            >
              <Input {...form.register("revenueSharePercent")} inputMode="decimal" placeholder="e.g. 20" autoComplete="off" />
            </FormField>
          </div>

          {show.flatFee && (
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField name="flatFee" label="Flat fee (USD)" hint="Prorated by days in the month a monthly plan starts.">
                <Input {...form.register("flatFee")} inputMode="decimal" placeholder="e.g. 499.00" autoComplete="off" />
              </FormField>
              <FormField name="flatFeeInterval" label="Billed every">
                <Select {...form.register("flatFeeInterval")}>
                  <option value="month">Month</option>
                  <option value="year">Year (the whole fee in the plan&apos;s first month, then every 12 months)</option>
                </Select>
              </FormField>
            </div>
          )}

          {show.usage && (
            <>
              <div className="grid gap-4 sm:grid-cols-2">
                <FormField name="includedCalls" label="Included calls per month" hint="Billable calls that are free before the tiers start.">
                  <Input {...form.register("includedCalls")} inputMode="numeric" placeholder="0" autoComplete="off" />
                </FormField>
              </div>
              <fieldset>
                <legend className="mb-2 text-sm font-medium text-slate-800">Tier mode</legend>
                <ChoiceCards name={tierMode.field.name} choices={tierModeChoices} value={tierMode.field.value} onChange={tierMode.field.onChange} />
              </fieldset>
              <TierTable disabled={save.isPending} />
            </>
          )}

          {show.invoiced && (
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField name="minimum" label="Monthly minimum (USD)" hint="Optional: an invoice below it is topped up to it.">
                <Input {...form.register("minimum")} inputMode="decimal" placeholder="0.00" autoComplete="off" />
              </FormField>
              <FormField name="taxRatePercent" label="Tax rate (%)" hint="Optional: applied to the subtotal.">
                <Input {...form.register("taxRatePercent")} inputMode="decimal" placeholder="0" autoComplete="off" />
              </FormField>
            </div>
          )}

          <div className="grid gap-4 sm:grid-cols-2">
            <FormField
              name="effectiveFrom"
              label="Effective from"
              hint={
                since
                  ? `Blank: from now. A day on or before ${since}, when the latest plan starts, replaces that plan instead of following it.`
                  : "Blank: from now (00:00 UTC of the day you pick otherwise)."
              }
            >
              <Input {...form.register("effectiveFrom")} type="date" />
            </FormField>
          </div>
        </fieldset>

        {unplaced.length > 0 && (
          <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
            <p className="font-medium">The plan was not saved.</p>
            <ul className="mt-1 list-disc pl-5">
              {unplaced.map((e) => (
                <li key={`${e.path}:${e.message}`}>{e.message}</li>
              ))}
            </ul>
          </div>
        )}
        <FormErrorState error={save.error} />

        <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-4">
          <Button
            variant="secondary"
            onClick={() => {
              form.reset();
              setUnplaced([]);
            }}
            disabled={!form.formState.isDirty || save.isPending}
          >
            Discard changes
          </Button>
          {/* Saving an unchanged plan would add a copy of it from today: only a change (or a first plan) is saved. */}
          <Button type="submit" disabled={save.isPending || (!!latest && !form.formState.isDirty)}>
            {save.isPending ? "Saving…" : isDefault ? "Save default plan" : "Save pricing"}
          </Button>
        </div>
      </Form>
      {!isDefault && (
        <div className="2xl:sticky 2xl:top-4">
          <PricingPreview partnerId={partnerId} values={values} />
        </div>
      )}
    </div>
  );
}
