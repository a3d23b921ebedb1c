"use client";

import { Controller, useFormContext, useWatch } from "react-hook-form";
import { Field, Input, Select } from "@/components/ui/field";
import { FormField, useFieldError } from "@/components/ui/form";
import { Segmented } from "@/components/ui/segmented";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { useActivePartners } from "./queries";
import type { TargetKind } from "./types";

const kinds: ReadonlyArray<{ value: TargetKind; label: string }> = [
  { value: "none", label: "No target" },
  { value: "partner", label: "Partner" },
  { value: "account", label: "Account" },
];

/** The fields of the surrounding Form that say who an event is addressed to. */
export type TargetValues = { targetKind: TargetKind; partnerId: string; accountId: string };

/** Who the event is addressed to: one partner, the partners integrated with one account, or nobody in particular. */
export function EventTargetFields() {
  const { control, register } = useFormContext<TargetValues>();
  const kind = useWatch({ control, name: "targetKind" });
  return (
    <div className="grid gap-2 text-sm">
      <span className="font-medium text-slate-800">Target</span>
      <Controller
        control={control}
        name="targetKind"
        render={({ field }) => <Segmented label="Target" options={kinds} value={field.value} onChange={field.onChange} />}
      />
      {kind === "partner" && <PartnerSelect />}
      {kind === "account" && (
        <FormField name="accountId" label="Account id" hint="Delivered to partners with an active integration for this account.">
          <Input {...register("accountId")} required placeholder="00000000-0000-0000-0000-000000000000" autoComplete="off" className="font-mono" />
        </FormField>
      )}
    </div>
  );
}

function PartnerSelect() {
  const { register } = useFormContext<TargetValues>();
  const error = useFieldError("partnerId");
  const partners = useActivePartners();
  if (partners.isPending) return <LoadingState label="Loading partners…" />;
  if (partners.isError) return <ErrorState error={partners.error} onRetry={() => partners.refetch()} />;
  return (
    <Field label="Partner" error={error ?? (partners.data.data.length === 0 ? "No active partners." : undefined)}>
      <Select {...register("partnerId")} required>
        <option value="">Choose a partner</option>
        {partners.data.data.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </Select>
    </Field>
  );
}
