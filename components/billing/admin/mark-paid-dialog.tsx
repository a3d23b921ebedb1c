"use client";

import { useMutation } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { MarkPaidInput } from "@/lib/billing/schemas";

const ReferenceForm = MarkPaidInput.pick({ reference: true });

/**
 * Records that money moved (an invoice paid by the partner, a payout sent to one): the admin
 * types the bank or transfer reference, which is kept with the document.
 */
export function MarkPaidDialog({
  title,
  children,
  path,
  success,
  referenceHint,
  onClose,
  onDone,
}: {
  /** "Mark PRT-202611-000042 paid" */
  title: string;
  /** What it means, with the amount. */
  children: ReactNode;
  /** The API's mark-paid path, e.g. `/billing/invoices/{id}/mark-paid`. */
  path: string;
  /** The success toast. */
  success: string;
  referenceHint: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const form = useApiForm(ReferenceForm, { defaultValues: { reference: "" } });
  const markPaid = useMutation({
    mutationFn: (body: { reference: string }) => apiFetch(path, { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success, error: false },
    onSuccess: onDone,
    onError: (e) => applyServerErrors(form, e),
  });
  return (
    <Dialog open onClose={onClose} title={title}>
      <Form form={form} onSubmit={(body) => markPaid.mutate(body)} className="grid gap-3">
        <div>{children}</div>
        <FormField name="reference" label="Payment reference" hint={referenceHint}>
          <Input {...form.register("reference")} autoComplete="off" maxLength={200} />
        </FormField>
        <FormErrorState error={markPaid.error} />
        <div className="flex flex-wrap justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={markPaid.isPending}>
            {markPaid.isPending ? "Saving…" : "Mark paid"}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}
