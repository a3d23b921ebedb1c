"use client";

import type { ComponentProps } from "react";
import { useController, useFormContext, useWatch } from "react-hook-form";
import { ChoiceCards } from "@/components/ui/choice-cards";
import { Input } from "@/components/ui/field";
import { FormField } from "@/components/ui/form";
import type { ListingFormValues } from "./listing-form-model";

const choices = [
  { value: "free", label: "Free", detail: "Installing costs the agency nothing." },
  { value: "paid", label: "Paid", detail: "A monthly price per installing account, billed through Portico." },
] as const;

/** Free, or paid with a monthly price typed in dollars (the form turns it into integer cents). */
export function PricingField() {
  const { control, register } = useFormContext<ListingFormValues>();
  const { field } = useController({ control, name: "pricing.model" });
  const model = useWatch({ control, name: "pricing.model" });
  return (
    <fieldset className="grid min-w-0 gap-3 text-sm">
      <legend className="mb-1 block font-medium text-slate-800">Pricing</legend>
      <ChoiceCards name={field.name} choices={choices} value={field.value} onChange={(v) => field.onChange(v)} />
      {model === "paid" && (
        <FormField
          name="pricing.monthlyPriceCents"
          label="Monthly price (USD)"
          hint="Per installing account, prorated by the days installed. You are paid it less the platform's share."
        >
          <PriceInput {...register("pricing.monthlyPriceCents")} />
        </FormField>
      )}
    </fieldset>
  );
}

function PriceInput(props: ComponentProps<typeof Input>) {
  return (
    <div className="relative max-w-48">
      <span aria-hidden className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-sm text-slate-600">
        $
      </span>
      <Input {...props} inputMode="decimal" placeholder="49.00" autoComplete="off" className="pl-7 tabular-nums" />
    </div>
  );
}
