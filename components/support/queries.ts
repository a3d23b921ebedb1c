"use client";

import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, apiFetch, type Page } from "@/components/api/api-fetch";
import type { LinkableItem, LinkablePage, SupportStats, Ticket, TicketComment, TicketLinkType } from "@/lib/support/schemas";

// Reads for the support pages. Everything lives under ["support"], so any change (a reply, a
// status, an assignment) refetches the ticket, its thread, the lists and the counts at once.

export const supportKey = ["support"] as const;
export const ticketsKey = [...supportKey, "tickets"] as const;
export const ticketKey = (id: string) => [...supportKey, "ticket", id] as const;
export const commentsKey = (id: string) => [...supportKey, "ticket", id, "comments"] as const;
export const statsKey = [...supportKey, "stats"] as const;

export const ticketPath = (id: string) => `/support/tickets/${encodeURIComponent(id)}`;

export type Linkable = LinkableItem;

/** The API's answer that a closed ticket cannot change (a reply, a status). */
export const isTicketClosed = (err: unknown) => err instanceof ApiError && err.status === 409 && err.code === "TICKET_CLOSED";

// A ticket changes while it is open (staff answer, the clock runs): look again every half minute.
const LIVE_MS = 30_000;

export function useTicket(id: string) {
  return useQuery({ queryKey: ticketKey(id), queryFn: () => apiFetch<Ticket>(ticketPath(id)), refetchInterval: LIVE_MS });
}

/** The thread, oldest first, a page of 50 at a time ("Show later messages" fetches the next). */
export function useComments(id: string) {
  return useInfiniteQuery({
    queryKey: commentsKey(id),
    queryFn: ({ pageParam }) =>
      apiFetch<Page<TicketComment>>(`${ticketPath(id)}/comments?limit=50${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: LIVE_MS,
  });
}

export function useSupportStats(opts: { enabled?: boolean } = {}) {
  return useQuery({ queryKey: statsKey, queryFn: () => apiFetch<SupportStats>("/support/stats"), refetchInterval: 60_000, enabled: opts.enabled ?? true });
}

/** The requester's own objects of one kind that a ticket can point at (at most 50; `q` narrows them). */
export function useLinkable(type: TicketLinkType | null, q: string) {
  return useQuery({
    queryKey: [...supportKey, "linkable", type, q],
    queryFn: () => apiFetch<LinkablePage>(`/support/linkable?type=${type}${q ? `&q=${encodeURIComponent(q)}` : ""}`),
    enabled: type !== null,
    staleTime: 30_000,
  });
}

/** After any change: the ticket, its thread, every list and the counts. */
export function useRefreshSupport() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: supportKey });
}
