"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/confirm-dialog";
import { ErrorState } from "@/components/ui/states";
import { fieldErrors } from "./field-errors";
import { cleanUris, RedirectUrisEditor } from "./redirect-uris-editor";
import type { OAuthClient } from "./types";

export function EditRedirectUrisDialog({ client, onClose, onSaved }: { client: OAuthClient; onClose: () => void; onSaved: () => void }) {
  const [uris, setUris] = useState<string[]>(client.redirectUris.length ? client.redirectUris : [""]);
  const save = useMutation({
    mutationFn: (redirectUris: string[]) => apiFetch<OAuthClient>(`/oauth-clients/${client.id}`, { method: "PATCH", body: { redirectUris } }),
    meta: { success: `Redirect URIs of “${client.name}” saved`, error: false },
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  const errors = fieldErrors(save.error, ["redirectUris"]);

  return (
    <Dialog open onClose={onClose} title="Edit redirect URIs">
      <form
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          // Blank rows are dropped so that `redirectUris.N` in an error points at input N.
          const redirectUris = cleanUris(uris);
          setUris(redirectUris.length ? redirectUris : [""]);
          save.mutate(redirectUris);
        }}
      >
        <p>
          Where <span className="font-medium text-slate-900">{client.name}</span> may send customers back after they authorize. An authorization
          request whose <code className="font-mono text-xs">redirect_uri</code> is not on this list is refused.
        </p>
        <RedirectUrisEditor value={uris} onChange={setUris} error={errors.exact("redirectUris")} errorAt={(i) => errors.field(`redirectUris.${i}`)} />
        {errors.unplaced && <ErrorState error={save.error} />}
        <div className="mt-1 flex justify-end gap-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
