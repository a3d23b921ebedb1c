"use client";

import { useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/confirm-dialog";
import { Textarea } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { VoidInvoiceInput } from "@/lib/billing/schemas";

/**
 * The confirmation of a destructive billing action that needs a reason (voiding an invoice,
 * failing a payout): the title asks, the text says what follows, the button is red, and the
 * reason is kept with the document.
 */
export function ReasonDialog({
  title,
  children,
  path,
  confirmLabel,
  reasonLabel,
  success,
  onClose,
  onDone,
}: {
  /** "Void invoice PRT-202611-000042?" */
  title: string;
  children: ReactNode;
  /** The API's path, e.g. `/billing/invoices/{id}/void`; the body is `{ reason }`. */
  path: string;
  confirmLabel: string;
  reasonLabel: string;
  success: string;
  onClose: () => void;
  onDone: () => void;
}) {
  // VoidInvoiceInput and MarkFailedInput are the same shape: a trimmed reason of 1–500 characters.
  const form = useApiForm(VoidInvoiceInput, { defaultValues: { reason: "" } });
  const act = useMutation({
    mutationFn: (body: { reason: string }) => apiFetch(path, { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success, error: false },
    onSuccess: onDone,
    onError: (e) => applyServerErrors(form, e),
  });
  return (
    <Dialog open onClose={onClose} title={title}>
      <Form form={form} onSubmit={(body) => act.mutate(body)} className="grid gap-3">
        <div>{children}</div>
        <FormField name="reason" label={reasonLabel}>
          <Textarea {...form.register("reason")} rows={3} maxLength={500} />
        </FormField>
        <FormErrorState error={act.error} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" variant="danger" disabled={act.isPending}>
            {act.isPending ? "Working…" : confirmLabel}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}
