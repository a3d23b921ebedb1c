"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiFetch, ApiError } from "@/components/api/api-fetch";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { ErrorState, LoadingState } from "@/components/ui/states";
import type { Partner } from "./types";

const types = [
  ["technology", "Technology vendor"],
  ["carrier", "Carrier"],
  ["agency", "Agency"],
  ["consultant", "Consultant"],
  ["data_provider", "Data provider"],
];

export function ProfileForm({ partnerId, canEdit }: { partnerId: string; canEdit: boolean }) {
  const qc = useQueryClient();
  const router = useRouter();
  const partner = useQuery({ queryKey: ["partner", partnerId], queryFn: () => apiFetch<Partner>(`/partners/${partnerId}`) });
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch<Partner>(`/partners/${partnerId}`, { method: "PATCH", body }),
    meta: { success: "Profile saved", error: false },
    onSuccess: (p) => {
      qc.setQueryData(["partner", partnerId], p);
      setSaved(true);
      router.refresh();
    },
  });
  if (partner.isPending) return <LoadingState />;
  if (partner.isError) return <ErrorState error={partner.error} onRetry={() => partner.refetch()} />;
  const p = partner.data;
  const err = save.error instanceof ApiError ? save.error : undefined;

  return (
    <Card title="Company profile" actions={<Badge>{p.status}</Badge>}>
      <form
        className="grid max-w-2xl gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          const f = new FormData(e.currentTarget);
          save.mutate({
            name: String(f.get("name")),
            type: String(f.get("type")),
            website: String(f.get("website") ?? "") || null,
            country: String(f.get("country") ?? "") || null,
            description: String(f.get("description") ?? ""),
          });
        }}
      >
        <Field label="Company name" error={err?.fieldError("name")}>
          <Input name="name" defaultValue={p.name} disabled={!canEdit} required />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Type" error={err?.fieldError("type")}>
            <Select name="type" defaultValue={p.type} disabled={!canEdit}>
              {types.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="Country (ISO code)" error={err?.fieldError("country")}>
            <Input name="country" defaultValue={p.country ?? ""} maxLength={2} placeholder="US" disabled={!canEdit} />
          </Field>
        </div>
        <Field label="Website" error={err?.fieldError("website")}>
          <Input name="website" type="url" defaultValue={p.website ?? ""} placeholder="https://" disabled={!canEdit} />
        </Field>
        <Field label="Description" error={err?.fieldError("description")} hint="Shown to the Portico team and, later, on your listings.">
          <Textarea name="description" rows={4} defaultValue={p.description} disabled={!canEdit} />
        </Field>
        <dl className="grid grid-cols-2 gap-2 text-sm text-slate-600">
          <dt>Slug</dt>
          <dd className="font-mono text-slate-800">{p.slug}</dd>
          <dt>Tier</dt>
          <dd className="text-slate-800">{p.tier}</dd>
        </dl>
        {save.isError && <ErrorState error={save.error} />}
        {canEdit ? (
          <div className="flex items-center gap-3">
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save profile"}
            </Button>
            {saved && (
              <span role="status" className="text-sm text-emerald-700">
                Saved.
              </span>
            )}
          </div>
        ) : (
          <p className="text-sm text-slate-600">Only owners and admins can edit the profile.</p>
        )}
      </form>
    </Card>
  );
}
