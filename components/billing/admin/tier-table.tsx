"use client";

import { Plus, Trash2 } from "lucide-react";
import { useId, type ComponentProps } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FieldsetError, useFieldError } from "@/components/ui/form";
import { newTier, tierRanges, type PricingFormValues } from "./pricing-form-model";

const MAX_TIERS = 20;

const control =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-red-500 read-only:bg-slate-50 read-only:text-slate-700";
const columns = "md:grid md:grid-cols-[minmax(0,8rem)_minmax(0,1fr)_minmax(0,1fr)_minmax(0,1fr)_auto] md:items-start md:gap-3";

/**
 * The usage tiers as rows: "up to" (the last billable call in the tier, after the included
 * calls), the price per 1,000 calls and an optional flat amount. The last row has no upper bound
 * (∞) and always stays last: "Add tier" inserts before it, and removing it makes the row before
 * it the unbounded one. On wide screens the rows line up under column headings; on a phone each
 * field shows its own label.
 */
export function TierTable({ disabled }: { disabled?: boolean }) {
  const { control: formControl } = useFormContext<PricingFormValues>();
  const rows = useFieldArray({ control: formControl, name: "tiers" });
  const values = useWatch({ control: formControl, name: "tiers" }) ?? [];
  const ranges = tierRanges(values);
  const tableError = useFieldError("tiers");
  const errorId = useId();

  return (
    <fieldset className="min-w-0" aria-describedby={tableError ? errorId : undefined}>
      <legend className="mb-1 text-sm font-medium text-slate-800">Tiers</legend>
      <p className="mb-3 text-xs text-slate-600">Tiers count the billable calls after the included ones. Prices are in dollars per 1,000 calls.</p>
      <div aria-hidden className={`hidden px-3 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-600 ${columns}`}>
        <span>Calls</span>
        <span>Up to (calls)</span>
        <span>Price per 1,000 calls</span>
        <span>Flat amount</span>
        <span className="w-9" />
      </div>
      <ol aria-label="Tiers" className="grid gap-2">
        {rows.fields.map((row, i) => {
          const last = i === rows.fields.length - 1;
          const n = i + 1;
          return (
            <li key={row.id} className="rounded-lg border border-slate-200 p-3" data-testid="tier-row">
              <div className={`grid gap-3 ${columns}`}>
                <p className="text-sm text-slate-700 md:pt-2">
                  <span className="font-medium text-slate-900">Tier {n}</span>
                  <span className="block text-xs tabular-nums text-slate-600">{ranges[i]}</span>
                </p>
                {last ? (
                  <TierInput label={`Tier ${n} up to (calls)`} name={`tiers.${i}.upTo`} fixed="∞" hint="No upper bound: the last tier takes every call beyond the one before." />
                ) : (
                  <TierInput label={`Tier ${n} up to (calls)`} name={`tiers.${i}.upTo`} inputMode="numeric" placeholder="e.g. 10000" disabled={disabled} />
                )}
                <TierInput label={`Tier ${n} price per 1,000 calls (USD)`} name={`tiers.${i}.unitPrice`} inputMode="decimal" placeholder="e.g. 0.50" disabled={disabled} />
                <TierInput label={`Tier ${n} flat amount (USD, optional)`} name={`tiers.${i}.flatAmount`} inputMode="decimal" placeholder="0.00" disabled={disabled} />
                <div className="md:pt-0.5">
                  <Button variant="ghost" size="sm" onClick={() => rows.remove(i)} disabled={disabled || rows.fields.length <= 1} aria-label={`Remove tier ${n}`}>
                    <Trash2 aria-hidden className="size-4" />
                    <span className="md:sr-only">Remove</span>
                  </Button>
                </div>
              </div>
              <RowError name={`tiers.${i}`} />
            </li>
          );
        })}
      </ol>
      <FieldsetError id={errorId} message={tableError} />
      <div className="mt-3">
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            const { index, row } = newTier(values);
            rows.insert(index, row, { shouldFocus: true, focusName: `tiers.${index}.upTo` });
          }}
          disabled={disabled || rows.fields.length >= MAX_TIERS}
        >
          <Plus aria-hidden className="size-4" />
          Add tier
        </Button>
      </div>
    </fieldset>
  );
}

/** An error about a whole row (its ∞ bound, a row the server named), under the row. */
function RowError({ name }: { name: string }) {
  const message = useFieldError(name);
  if (!message) return null;
  return <p className="mt-2 text-xs text-red-700">{message}</p>;
}

/**
 * One field of a tier row: its label names the tier (on wide screens it is read by screen readers
 * only: the column heading shows it), its error or hint below.
 */
function TierInput({
  label,
  name,
  hint,
  fixed,
  ...props
}: Omit<ComponentProps<"input">, "name"> & { label: string; name: `tiers.${number}.${"upTo" | "unitPrice" | "flatAmount"}`; hint?: string; fixed?: string }) {
  const { register } = useFormContext<PricingFormValues>();
  const id = useId();
  const error = useFieldError(name);
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  // A fixed cell (the last tier's ∞) shows its value read-only and is not part of the form's values.
  const field = fixed === undefined ? register(name) : { value: fixed, readOnly: true };
  return (
    <div className="min-w-0 text-sm">
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-700 md:sr-only">
        {label}
      </label>
      <input id={id} {...props} {...field} aria-invalid={error ? true : undefined} aria-describedby={describedBy} autoComplete="off" className={control} />
      {error ? (
        <span id={`${id}-error`} className="mt-1 block text-xs text-red-700">
          {error}
        </span>
      ) : (
        hint && (
          <span id={`${id}-hint`} className="mt-1 block text-xs text-slate-600">
            {hint}
          </span>
        )
      )}
    </div>
  );
}
