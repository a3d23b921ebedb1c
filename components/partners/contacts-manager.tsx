"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch, ApiError } from "@/components/api/api-fetch";
import { usePagedList } from "@/components/api/use-paged-list";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog, Dialog } from "@/components/ui/confirm-dialog";
import { Field, Input, Select } from "@/components/ui/field";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { DropdownMenuItem, DropdownMenuSeparator, RowActions } from "@/components/ui/dropdown-menu";
import { Table, Td } from "@/components/ui/table";
import { Pencil, Trash2 } from "lucide-react";
import type { Contact } from "./types";

export function ContactsManager({ partnerId, canEdit }: { partnerId: string; canEdit: boolean }) {
  const qc = useQueryClient();
  const list = usePagedList<Contact>(["contacts", partnerId], `/partners/${partnerId}/contacts`);
  const [editing, setEditing] = useState<Contact | "new" | null>(null);
  const [deleting, setDeleting] = useState<Contact | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ["contacts", partnerId] });

  const remove = useMutation({
    mutationFn: (c: Contact) => apiFetch(`/partners/${partnerId}/contacts/${c.id}`, { method: "DELETE" }),
    meta: { success: (_: unknown, c: Contact) => `Contact “${c.name}” deleted`, error: false },
    onSuccess: () => {
      setDeleting(null);
      refresh();
    },
  });

  const addButton = canEdit ? <Button onClick={() => setEditing("new")}>Add contact</Button> : undefined;

  return (
    <Card title="Contacts" actions={addButton}>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : list.data.data.length === 0 ? (
        <EmptyState title="No contacts yet" action={addButton}>
          Add the people we should reach for business, technical and billing matters. One of each can be primary.
        </EmptyState>
      ) : (
        <>
          <Table label="Contacts" head={["Name", "Kind", "Email", { header: "Phone", hide: "lg" }, { header: "Actions", srOnly: true }]}>
            {list.data.data.map((c) => (
              <tr key={c.id}>
                <Td primary>
                  <span className="font-medium text-slate-900">{c.name}</span>
                  {c.title && <span className="block text-xs text-slate-600">{c.title}</span>}
                </Td>
                <Td label="Kind">
                  <span className="flex items-center gap-2">
                    {c.kind}
                    {c.isPrimary && <Badge tone="blue">primary</Badge>}
                  </span>
                </Td>
                <Td label="Email">
                  <a href={`mailto:${c.email}`} className="break-all text-slate-800 hover:underline">
                    {c.email}
                  </a>
                </Td>
                <Td label="Phone" hide="lg">
                  {c.phone ?? <span className="text-slate-600">—</span>}
                </Td>
                <Td actions>
                  {canEdit && (
                    <RowActions label={`Actions for ${c.name}`}>
                      <DropdownMenuItem onSelect={() => setEditing(c)}>
                        <Pencil aria-hidden /> Edit…
                      </DropdownMenuItem>
                      <DropdownMenuSeparator />
                      <DropdownMenuItem destructive onSelect={() => setDeleting(c)}>
                        <Trash2 aria-hidden /> Delete…
                      </DropdownMenuItem>
                    </RowActions>
                  )}
                </Td>
              </tr>
            ))}
          </Table>
          <Pager page={list.page} hasPrevious={list.hasPrevious} hasNext={list.hasNext} onPrevious={list.previous} onNext={list.next} />
        </>
      )}
      {editing && (
        <ContactDialog
          partnerId={partnerId}
          contact={editing === "new" ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            refresh();
          }}
        />
      )}
      <ConfirmDialog
        open={!!deleting}
        title={`Delete “${deleting?.name ?? "contact"}”?`}
        confirmLabel="Delete contact"
        danger
        busy={remove.isPending}
        onCancel={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() => deleting && remove.mutate(deleting)}
      >
        {deleting && (
          <p>
            {deleting.name} ({deleting.email}) will no longer receive {deleting.kind} messages from Portico.
          </p>
        )}
        {remove.isError && (
          <div className="mt-3">
            <ErrorState error={remove.error} />
          </div>
        )}
      </ConfirmDialog>
    </Card>
  );
}

function ContactDialog({
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
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      contact
        ? apiFetch(`/partners/${partnerId}/contacts/${contact.id}`, { method: "PATCH", body })
        : apiFetch(`/partners/${partnerId}/contacts`, { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: contact ? "Contact saved" : "Contact added", error: false },
    onSuccess: onSaved,
  });
  const err = save.error instanceof ApiError ? save.error : undefined;
  return (
    <Dialog open onClose={onClose} title={contact ? "Edit contact" : "Add contact"}>
      <form
        className="grid gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const phone = String(f.get("phone") ?? "").trim();
          const title = String(f.get("title") ?? "").trim();
          save.mutate({
            kind: String(f.get("kind")),
            name: String(f.get("name")),
            email: String(f.get("email")),
            ...(phone ? { phone } : contact ? { phone: null } : {}),
            ...(title ? { title } : contact ? { title: null } : {}),
            isPrimary: f.get("isPrimary") === "on",
          });
        }}
      >
        <Field label="Name" error={err?.fieldError("name")}>
          <Input name="name" defaultValue={contact?.name} required />
        </Field>
        <Field label="Email" error={err?.fieldError("email")}>
          <Input name="email" type="email" defaultValue={contact?.email} required />
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Kind" error={err?.fieldError("kind")}>
            <Select name="kind" defaultValue={contact?.kind ?? "technical"}>
              <option value="business">Business</option>
              <option value="technical">Technical</option>
              <option value="billing">Billing</option>
            </Select>
          </Field>
          <Field label="Phone (optional)" error={err?.fieldError("phone")}>
            <Input name="phone" defaultValue={contact?.phone ?? ""} />
          </Field>
        </div>
        <Field label="Job title (optional)" error={err?.fieldError("title")}>
          <Input name="title" defaultValue={contact?.title ?? ""} />
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="isPrimary" defaultChecked={contact?.isPrimary} /> Primary contact for this kind
        </label>
        {save.isError && !err?.errors.length && <ErrorState error={save.error} />}
        <div className="mt-2 flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : contact ? "Save contact" : "Add contact"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
