"use client";

import { Field, Input, Select } from "@/components/ui/field";
import { Segmented } from "@/components/ui/segmented";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { useActivePartners } from "./queries";
import type { TargetKind } from "./types";

const kinds: ReadonlyArray<{ value: TargetKind; label: string }> = [
  { value: "none", label: "No target" },
  { value: "partner", label: "Partner" },
  { value: "account", label: "Account" },
];

export type Target = { kind: TargetKind; partnerId: string; accountId: string };

/** Who the event is addressed to: one partner, the partners integrated with one account, or nobody in particular. */
export function EventTargetFields({ value, onChange, errors }: { value: Target; onChange: (t: Target) => void; errors: { partnerId?: string; accountId?: string } }) {
  return (
    <div className="grid gap-2 text-sm">
      <span className="font-medium text-slate-800">Target</span>
      <Segmented label="Target" options={kinds} value={value.kind} onChange={(kind) => onChange({ ...value, kind })} />
      {value.kind === "partner" && <PartnerSelect value={value.partnerId} onChange={(partnerId) => onChange({ ...value, partnerId })} error={errors.partnerId} />}
      {value.kind === "account" && (
        <Field label="Account id" hint="Delivered to partners with an active integration for this account." error={errors.accountId}>
          <Input
            name="accountId"
            required
            pattern="[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
            title="A UUID, e.g. 3f2c1a9e-…"
            placeholder="00000000-0000-0000-0000-000000000000"
            autoComplete="off"
            className="font-mono"
            value={value.accountId}
            invalid={!!errors.accountId}
            onChange={(e) => onChange({ ...value, accountId: e.target.value })}
          />
        </Field>
      )}
    </div>
  );
}

function PartnerSelect({ value, onChange, error }: { value: string; onChange: (id: string) => void; error?: string }) {
  const partners = useActivePartners();
  if (partners.isPending) return <LoadingState label="Loading partners…" />;
  if (partners.isError) return <ErrorState error={partners.error} onRetry={() => partners.refetch()} />;
  return (
    <Field label="Partner" error={error ?? (partners.data.data.length === 0 ? "No active partners." : undefined)}>
      <Select name="partnerId" required value={value} aria-invalid={!!error || undefined} onChange={(e) => onChange(e.target.value)}>
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
