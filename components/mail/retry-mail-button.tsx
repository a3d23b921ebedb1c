"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { RotateCw } from "lucide-react";
import { apiFetch } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import { mailKey } from "./queries";
import type { MailMessageDetail } from "./types";

/** Puts a failed message back in the queue: the sender picks it up on its next round. */
export function RetryMailButton({ id }: { id: string }) {
  const client = useQueryClient();
  const retry = useMutation({
    mutationFn: () => apiFetch<MailMessageDetail>(`/mail/messages/${encodeURIComponent(id)}/retry`, { method: "POST", idempotencyKey: crypto.randomUUID() }),
    onSuccess: (message) => {
      if (message && typeof message === "object" && "id" in message) client.setQueryData([...mailKey, id], (old: MailMessageDetail | undefined) => ({ ...old, ...message }));
      void client.invalidateQueries({ queryKey: mailKey });
    },
    meta: { success: "Queued to be sent again", error: "Could not retry the message" },
  });
  return (
    <Button onClick={() => retry.mutate()} disabled={retry.isPending}>
      <RotateCw aria-hidden className="size-4" />
      {retry.isPending ? "Retrying…" : "Retry"}
    </Button>
  );
}
