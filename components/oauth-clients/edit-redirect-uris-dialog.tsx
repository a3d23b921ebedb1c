"use client";

import { useMutation } from "@tanstack/react-query";
import { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/confirm-dialog";
import { Form, FormErrorState } from "@/components/ui/form";
import { alignRows, cleanUris, RedirectUriRows, redirectUriRows, RedirectUrisEditor } from "./redirect-uris-editor";
import type { OAuthClient } from "./types";

const EditRedirectUrisForm = z.object({ redirectUris: RedirectUriRows }).transform((v) => ({ redirectUris: cleanUris(v.redirectUris) }));

export function EditRedirectUrisDialog({ client, onClose, onSaved }: { client: OAuthClient; onClose: () => void; onSaved: () => void }) {
  const form = useApiForm(EditRedirectUrisForm, { defaultValues: { redirectUris: redirectUriRows(client.redirectUris) } });
  const save = useMutation({
    mutationFn: (body: { redirectUris: string[] }) => apiFetch<OAuthClient>(`/oauth-clients/${client.id}`, { method: "PATCH", body }),
    meta: { success: `Redirect URIs of “${client.name}” saved`, error: false },
    onSuccess: () => {
      onSaved();
      onClose();
    },
    onError: (e) => applyServerErrors(form, e),
  });

  return (
    <Dialog open onClose={onClose} title="Edit redirect URIs">
      <Form
        form={form}
        onSubmit={(body) => {
          alignRows(form, body.redirectUris);
          save.mutate(body);
        }}
        className="grid gap-4"
      >
        <p>
          Where <span className="font-medium text-slate-900">{client.name}</span> may send customers back after they authorize. An authorization
          request whose <code className="font-mono text-xs">redirect_uri</code> is not on this list is refused.
        </p>
        <RedirectUrisEditor />
        <FormErrorState error={save.error} />
        <div className="mt-1 flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </Button>
        </div>
      </Form>
    </Dialog>
  );
}
