"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, Dialog } from "@/components/ui/confirm-dialog";
import { Input, Textarea } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { ErrorState } from "@/components/ui/states";
import { DeprecateApplication } from "@/lib/applications/schemas";
import type { Application } from "./types";

const DAY = 24 * 60 * 60 * 1000;

/** The first day (UTC, yyyy-mm-dd) whose midnight is at least 30 days away: the earliest sunset a partner may set. */
export function earliestSunset(now = Date.now()): string {
  return new Date(Math.ceil((now + 30 * DAY) / DAY) * DAY).toISOString().slice(0, 10);
}

/** A date field (the sunset day, midnight UTC) piped into the API's DeprecateApplication. */
const DeprecateForm = z
  .object({
    sunsetAt: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Choose a date.")
      .refine((d) => d >= earliestSunset(), { error: () => `Choose ${earliestSunset()} or later: installers get at least 30 days to move.` }),
    message: DeprecateApplication.shape.message,
  })
  .transform((v) => ({ sunsetAt: `${v.sunsetAt}T00:00:00.000Z`, message: v.message }))
  .pipe(DeprecateApplication);

export function DeprecateDialog({ app, onClose, onDeprecated }: { app: Application; onClose: () => void; onDeprecated: () => void }) {
  const form = useApiForm(DeprecateForm, { defaultValues: { sunsetAt: "", message: "" } });
  const [confirming, setConfirming] = useState<z.output<typeof DeprecateForm> | null>(null);
  const deprecate = useMutation({
    mutationFn: (body: z.output<typeof DeprecateForm>) => apiFetch<Application>(`/applications/${app.id}/deprecate`, { body }),
    meta: { success: (a: Application) => `“${a.name}” is deprecated; installers have been told`, error: false },
    onSuccess: () => {
      onDeprecated();
      onClose();
    },
    onError: (e) => {
      // A field problem goes back to the form; anything else stays in the confirmation.
      if (!applyServerErrors(form, e)) setConfirming(null);
    },
  });

  return (
    <>
      <Dialog open={!confirming} onClose={onClose} title={`Deprecate “${app.name}”`}>
        <Form form={form} onSubmit={setConfirming} className="grid gap-4">
          <p>
            Every account that installed the app is told now, with your message. Its tokens keep working until the sunset date, then stop. The app
            leaves the marketplace for new installs at once.
          </p>
          <FormField name="sunsetAt" label="Sunset date" hint={`At least 30 days ahead: ${earliestSunset()} or later (midnight UTC).`}>
            <Input {...form.register("sunsetAt")} type="date" min={earliestSunset()} />
          </FormField>
          <FormField name="message" label="Message to installers" hint="What replaces the app, and what they should do before the sunset.">
            <Textarea {...form.register("message")} rows={4} maxLength={2000} />
          </FormField>
          <FormErrorState error={deprecate.error} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" variant="dangerOutline">
              Deprecate…
            </Button>
          </div>
        </Form>
      </Dialog>
      <ConfirmDialog
        open={!!confirming}
        title={`Deprecate “${app.name}”?`}
        confirmLabel="Deprecate app"
        danger
        busy={deprecate.isPending}
        onCancel={() => {
          setConfirming(null);
          deprecate.reset();
        }}
        onConfirm={() => confirming && deprecate.mutate(confirming)}
      >
        <p>
          Installers are notified now and the app stops working on <span className="font-medium text-slate-900">{confirming?.sunsetAt.slice(0, 10)}</span>.
          This cannot be undone.
        </p>
        {deprecate.isError && (
          <div className="mt-3">
            <ErrorState error={deprecate.error} />
          </div>
        )}
      </ConfirmDialog>
    </>
  );
}
