import { ApiError } from "@/components/api/api-fetch";

/** Field errors of a failed mutation: exact path first, then anything under it (`redirectUris.0` for `redirectUris`). */
export function fieldErrors(error: unknown, knownFields: readonly string[]) {
  const err = error instanceof ApiError ? error : undefined;
  const under = (path: string, e: { path: string }) => e.path === path || e.path.startsWith(`${path}.`);
  return {
    /** The error for exactly this path, or else the first one beneath it. */
    field: (path: string) => err?.fieldError(path) ?? err?.errors.find((e) => e.path.startsWith(`${path}.`))?.message,
    /** Only the error for exactly this path (e.g. one redirect URI input). */
    exact: (path: string) => err?.fieldError(path),
    /** True when the error has nowhere in the form to show. */
    unplaced: !!error && !err?.errors.some((e) => knownFields.some((k) => under(k, e))),
  };
}
