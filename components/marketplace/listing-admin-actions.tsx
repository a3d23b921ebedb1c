"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/confirm-dialog";
import { Input, Textarea } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { ErrorState } from "@/components/ui/states";
import { DelistListing, FeatureListing, type ListingPage } from "@/lib/marketplace/schemas";

// What a platform admin does to a listing from its page: put it in the featured row (at a
// position) or take it out, delist it with a reason the partner will read, or relist it.
// Each calls the admin API and re-renders the page from the server when it is done.

type Props = { slug: string; name: string; featured: boolean; visibility: ListingPage["visibility"] };

const path = (slug: string, action: "feature" | "delist" | "relist") => `/marketplace/listings/${encodeURIComponent(slug)}/${action}`;

/** The position field as typed (empty: after the current picks), into the API's FeatureListing. */
const FeatureForm = z
  .object({ position: z.string() })
  .transform(({ position }) => ({ featured: true, ...(position.trim() ? { position: Number(position) } : {}) }))
  .pipe(FeatureListing);

function FeatureDialog({ slug, name, onClose, onDone }: { slug: string; name: string; onClose: () => void; onDone: () => void }) {
  const form = useApiForm(FeatureForm, { defaultValues: { position: "" } });
  const feature = useMutation({
    mutationFn: (body: z.output<typeof FeatureForm>) => apiFetch<ListingPage>(path(slug, "feature"), { body }),
    meta: { success: `“${name}” is featured`, error: false },
    onSuccess: () => {
      onDone();
      onClose();
    },
    onError: (e) => applyServerErrors(form, e),
  });
  return (
    <Dialog open onClose={onClose} title={`Feature “${name}”`}>
      <Form form={form} onSubmit={(body) => feature.mutate(body)} className="grid gap-4">
        <p>It shows in the featured row on the marketplace home page, in the order of the positions.</p>
        <FormField name="position" label="Position" hint="0 to 1000, lowest first. Leave empty to keep its current place, or to go after the other picks.">
          <Input {...form.register("position")} type="number" inputMode="numeric" min={0} max={1000} step={1} autoComplete="off" />
        </FormField>
        <FormErrorState error={feature.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={feature.isPending}>
            {feature.isPending ? "Featuring…" : "Feature"}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}

function DelistDialog({ slug, name, onClose, onDone }: { slug: string; name: string; onClose: () => void; onDone: () => void }) {
  const form = useApiForm(DelistListing, { defaultValues: { reason: "" } });
  const delist = useMutation({
    mutationFn: (body: DelistListing) => apiFetch<ListingPage>(path(slug, "delist"), { body }),
    meta: { success: `“${name}” is delisted`, error: false },
    onSuccess: () => {
      onDone();
      onClose();
    },
    onError: (e) => applyServerErrors(form, e),
  });
  return (
    <Dialog open onClose={onClose} title={`Delist “${name}”?`}>
      <Form form={form} onSubmit={(body) => delist.mutate(body)} className="grid gap-4">
        <p>
          It leaves search, the categories and the featured row at once, and its page is no longer public. The partner sees the reason on the
          listing. You can relist it later.
        </p>
        <FormField name="reason" label="Reason" hint="Required. The partner reads this: say what has to change.">
          <Textarea {...form.register("reason")} rows={4} maxLength={1000} />
        </FormField>
        <FormErrorState error={delist.error} />
        <div className="flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={delist.isPending}>
            {delist.isPending ? "Delisting…" : "Delist"}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}

export function ListingAdminActions({ slug, name, featured, visibility }: Props) {
  const router = useRouter();
  const [dialog, setDialog] = useState<"feature" | "delist" | "relist" | null>(null);
  const refresh = () => router.refresh();
  const unfeature = useMutation({
    mutationFn: () => apiFetch<ListingPage>(path(slug, "feature"), { body: { featured: false } }),
    meta: { success: `“${name}” is no longer featured` },
    onSuccess: refresh,
  });
  const relist = useMutation({
    mutationFn: () => apiFetch<ListingPage>(path(slug, "relist"), { body: {} }),
    meta: { success: `“${name}” is listed again`, error: false },
    onSuccess: () => {
      setDialog(null);
      refresh();
    },
  });
  const delisted = visibility === "delisted";

  return (
    <div className="grid gap-3 text-sm">
      <p className="text-slate-600">
        {delisted ? "Delisted: only the partner and admins see it." : featured ? "In the featured row." : "Not featured."}
      </p>
      <div className="flex flex-wrap gap-2">
        {!delisted && (
          <>
            <Button variant="secondary" size="sm" onClick={() => setDialog("feature")}>
              {featured ? "Change position…" : "Feature…"}
            </Button>
            {featured && (
              <Button variant="secondary" size="sm" onClick={() => unfeature.mutate()} disabled={unfeature.isPending}>
                {unfeature.isPending ? "Unfeaturing…" : "Unfeature"}
              </Button>
            )}
            <Button variant="dangerOutline" size="sm" onClick={() => setDialog("delist")}>
              Delist…
            </Button>
          </>
        )}
        {delisted && (
          <Button variant="secondary" size="sm" onClick={() => setDialog("relist")}>
            Relist…
          </Button>
        )}
      </div>
      {dialog === "feature" && <FeatureDialog slug={slug} name={name} onClose={() => setDialog(null)} onDone={refresh} />}
      {dialog === "delist" && <DelistDialog slug={slug} name={name} onClose={() => setDialog(null)} onDone={refresh} />}
      <ConfirmDialog
        open={dialog === "relist"}
        title={`Relist “${name}”?`}
        confirmLabel="Relist"
        busy={relist.isPending}
        onConfirm={() => relist.mutate()}
        onCancel={() => {
          setDialog(null);
          relist.reset();
        }}
      >
        <p>It returns to search, the categories and its public page while its app is published. The delisting reason is cleared.</p>
        {relist.isError && (
          <div className="mt-3">
            <ErrorState error={relist.error} />
          </div>
        )}
      </ConfirmDialog>
    </div>
  );
}
