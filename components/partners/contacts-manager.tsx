"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { usePagedList } from "@/components/api/use-paged-list";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Pager } from "@/components/ui/pager";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { DataTable } from "@/components/ui/data-table";
import { contactColumns } from "./contact-columns";
import { ContactDialog } from "./contact-dialog";
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
          <DataTable
            label="Contacts"
            columns={contactColumns}
            data={list.data.data}
            getRowId={(c) => c.id}
            meta={{ canEdit, onEdit: setEditing, onDelete: setDeleting }}
          />
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
