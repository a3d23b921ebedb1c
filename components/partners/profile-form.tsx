"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select, Textarea } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { partnerTypes, UpdatePartner } from "@/lib/partners/schemas";
import type { Partner } from "./types";

const types = [
  ["technology", "Technology vendor"],
  ["carrier", "Carrier"],
  ["agency", "Agency"],
  ["consultant", "Consultant"],
  ["data_provider", "Data provider"],
];

/** The profile's controls (blank website and country mean "none"), checked by the API's UpdatePartner. */
const ProfileSchema = z
  .object({ name: z.string(), type: z.enum(partnerTypes), website: z.string(), country: z.string(), description: z.string() })
  .transform((v): z.input<typeof UpdatePartner> => ({ ...v, website: v.website.trim() || null, country: v.country.trim() || null }))
  .pipe(UpdatePartner);

const toValues = (p: Partner) => ({
  name: p.name,
  type: p.type as (typeof partnerTypes)[number],
  website: p.website ?? "",
  country: p.country ?? "",
  description: p.description,
});

export function ProfileForm({ partnerId, canEdit }: { partnerId: string; canEdit: boolean }) {
  const partner = useQuery({ queryKey: ["partner", partnerId], queryFn: () => apiFetch<Partner>(`/partners/${partnerId}`) });
  if (partner.isPending) return <LoadingState />;
  if (partner.isError) return <ErrorState error={partner.error} onRetry={() => partner.refetch()} />;
  return <ProfileFields partner={partner.data} canEdit={canEdit} />;
}

function ProfileFields({ partner: p, canEdit }: { partner: Partner; canEdit: boolean }) {
  const qc = useQueryClient();
  const router = useRouter();
  const form = useApiForm(ProfileSchema, { defaultValues: toValues(p) });
  const save = useMutation({
    mutationFn: (body: z.output<typeof ProfileSchema>) => apiFetch<Partner>(`/partners/${p.id}`, { method: "PATCH", body }),
    meta: { success: "Profile saved", error: false },
    onSuccess: (saved) => {
      qc.setQueryData(["partner", p.id], saved);
      form.reset(toValues(saved));
      router.refresh();
    },
    onError: (e) => applyServerErrors(form, e),
  });
  // "Saved." until the next edit: the form holds what the server has.
  const saved = save.isSuccess && !form.formState.isDirty;

  return (
    <Card title="Company profile" actions={<Badge>{p.status}</Badge>}>
      <Form form={form} onSubmit={(body) => save.mutate(body)} className="grid max-w-2xl gap-4">
        <FormField name="name" label="Company name">
          <Input {...form.register("name")} disabled={!canEdit} required />
        </FormField>
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField name="type" label="Type">
            <Select {...form.register("type")} disabled={!canEdit}>
              {types.map(([v, l]) => (
                <option key={v} value={v}>
                  {l}
                </option>
              ))}
            </Select>
          </FormField>
          <FormField name="country" label="Country (ISO code)">
            <Input {...form.register("country")} maxLength={2} placeholder="US" disabled={!canEdit} />
          </FormField>
        </div>
        <FormField name="website" label="Website">
          <Input {...form.register("website")} type="url" placeholder="https://" disabled={!canEdit} />
        </FormField>
        <FormField name="description" label="Description" hint="Shown to the Portico team and, later, on your listings.">
          <Textarea {...form.register("description")} rows={4} disabled={!canEdit} />
        </FormField>
        <dl className="grid grid-cols-2 gap-2 text-sm text-slate-600">
          <dt>Slug</dt>
          <dd className="font-mono text-slate-800">{p.slug}</dd>
          <dt>Tier</dt>
          <dd className="text-slate-800">{p.tier}</dd>
        </dl>
        <FormErrorState error={save.error} />
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
      </Form>
    </Card>
  );
}
