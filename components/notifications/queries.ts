"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/components/api/api-fetch";

/** Everything read from /me/notifications (the bell and the Notifications page) lives under this key. */
export const notificationsKey = ["me", "notifications"] as const;

export const preferencesKey = ["me", "notification-preferences"] as const;

/**
 * Marks notifications read: those `ids`, or every unread one without them. The bell and the page
 * both refetch, so the count on the bell follows what the page did and the other way round.
 */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => apiFetch<{ marked: number }>("/me/notifications/read", { body: ids ? { ids } : {} }),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationsKey }),
    meta: { error: "Could not mark the notifications read" },
  });
}
