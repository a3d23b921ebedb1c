"use client";

import { MutationCache, type Mutation } from "@tanstack/react-query";
import { toast } from "sonner";
import { ApiError } from "@/components/api/api-fetch";

/**
 * Toasts after mutations, for every useMutation in the app (the QueryClient in Providers uses this cache):
 *
 *   useMutation({ mutationFn, meta: { success: "Key revoked" } })                   → success toast
 *   useMutation({ mutationFn, meta: { success: (key) => `${key.name} revoked` } })  → from the result
 *   (no meta.success)                                                              → no success toast
 *   any failure                                                                    → error toast: the problem+json `detail`, with its request id
 *   useMutation({ mutationFn, meta: { error: false } })                            → no error toast (the form shows it inline)
 *   useMutation({ mutationFn, meta: { error: "Could not revoke the key" } })       → that title, the detail below it
 */
export type MutationToastMeta = {
  // `any`: the callback is written against the mutation's own result type, e.g. (key: ApiKey) => `${key.name} revoked`.
  success?: string | ((data: any, variables: any) => string | null | undefined);
  error?: false | string;
};

declare module "@tanstack/react-query" {
  interface Register {
    mutationMeta: MutationToastMeta & Record<string, unknown>;
  }
}

function describe(error: unknown): { message: string; requestId?: string } {
  if (error instanceof ApiError) return { message: error.message || "The request failed.", requestId: error.requestId };
  if (error instanceof TypeError) return { message: "Could not reach Portico. Check your connection and try again." };
  if (error instanceof Error && error.message) return { message: error.message };
  return { message: "Something went wrong." };
}

function withFullStop(text: string): string {
  return /[.!?…]$/.test(text.trim()) ? text : `${text}.`;
}

type AnyMutation = Mutation<unknown, unknown, unknown, unknown>;

export function mutationToastCache(): MutationCache {
  return new MutationCache({
    onSuccess: (data, variables, _result, mutation) => {
      const success = (mutation as AnyMutation).meta?.success;
      const message = typeof success === "function" ? success(data, variables) : success;
      if (message) toast.success(message);
    },
    onError: (error, _variables, _result, mutation) => {
      const setting = (mutation as AnyMutation).meta?.error;
      if (setting === false) return;
      const { message, requestId } = describe(error);
      const reference = requestId ? `Request id: ${requestId}` : undefined;
      if (typeof setting === "string") toast.error(setting, { description: [withFullStop(message), reference].filter(Boolean).join(" ") });
      else toast.error(withFullStop(message), { description: reference });
    },
  });
}
