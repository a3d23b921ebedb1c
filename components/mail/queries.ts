"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/api-fetch";
import type { MailMessageDetail } from "./types";

/** Everything the outbox reads lives under this key: a retry refetches the list and the message at once. */
export const mailKey = ["mail", "messages"] as const;

/** One message, starting from what the page read on the server; kept current while it is being sent. */
export function useMailMessage(initial: MailMessageDetail) {
  return useQuery({
    queryKey: [...mailKey, initial.id],
    queryFn: () => apiFetch<MailMessageDetail>(`/mail/messages/${encodeURIComponent(initial.id)}`),
    initialData: initial,
    refetchInterval: (q) => (q.state.data?.status === "queued" || q.state.data?.status === "sending" ? 5_000 : false),
  });
}
