"use client";

import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/confirm-dialog";
import { Input, Select } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { contactKinds, CreateContact, UpdateContact } from "@/lib/partners/schemas";
import type { Contact } from "./types";

const ContactValues = z.object({
  kind: z.enum(contactKinds),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  title: z.string(),
  isPrimary: z.boolean(),
});
type ContactValues = z.infer<typeof ContactValues>;

/** A new contact: blank optional fields are left out. Checked by the API's CreateContact. */
const NewContact = ContactValues.transform(
  ({ phone, title, ...v }): z.input<typeof CreateContact> => ({ ...v, ...(phone.trim() ? { phone } : {}), ...(title.trim() ? { title } : {}) }),
).pipe(CreateContact);

/** An edit: a blank optional field clears it (null). Checked by the API's UpdateContact. */
const EditedContact = ContactValues.transform(
  ({ phone, title, ...v }): z.input<typeof UpdateContact> => ({ ...v, phone: phone.trim() ? phone : null, title: title.trim() ? title : null }),
).pipe(UpdateContact);

/** Add a contact, or edit one. */
export function ContactDialog({
  partnerId,
  contact,
  onClose,
  onSaved,
}: {
  partnerId: string;
  contact?: Contact;
  onClose: () => void;
  onSaved: () => void;
}) {
  const defaultValues: ContactValues = {
    kind: contact?.kind ?? "technical",
    name: contact?.name ?? "",
    email: contact?.email ?? "",
    phone: contact?.phone ?? "",
    title: contact?.title ?? "",
    isPrimary: contact?.isPrimary ?? false,
  };
  // Both schemas read the same controls; only the body they make differs.
  const form = useApiForm(contact ? EditedContact : NewContact, { defaultValues });
  const save = useMutation({
    mutationFn: (body: z.output<typeof NewContact> | z.output<typeof EditedContact>) =>
      contact
        ? apiFetch(`/partners/${partnerId}/contacts/${contact.id}`, { method: "PATCH", body })
        : apiFetch(`/partners/${partnerId}/contacts`, { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: contact ? "Contact saved" : "Contact added", error: false },
    onSuccess: onSaved,
    onError: (e) => applyServerErrors(form, e),
  });
  return (
    <Dialog open onClose={onClose} title={contact ? "Edit contact" : "Add contact"}>
      <Form form={form} onSubmit={(body) => save.mutate(body)} className="grid gap-3">
        <FormField name="name" label="Name">
          <Input {...form.register("name")} required maxLength={120} />
        </FormField>
        <FormField name="email" label="Email">
          <Input {...form.register("email")} type="email" required />
        </FormField>
        <div className="grid gap-3 sm:grid-cols-2">
          <FormField name="kind" label="Kind">
            <Select {...form.register("kind")}>
              <option value="business">Business</option>
              <option value="technical">Technical</option>
              <option value="billing">Billing</option>
            </Select>
          </FormField>
          <FormField name="phone" label="Phone (optional)">
            <Input {...form.register("phone")} />
          </FormField>
        </div>
        <FormField name="title" label="Job title (optional)">
          <Input {...form.register("title")} maxLength={120} />
        </FormField>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" {...form.register("isPrimary")} /> Primary contact for this kind
        </label>
        <FormErrorState error={save.error} />
        <div className="mt-2 flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : contact ? "Save contact" : "Add contact"}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}
