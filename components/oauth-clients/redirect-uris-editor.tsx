"use client";

import { useId } from "react";
import { useFieldArray, useFormContext, useFormState, type FieldError, type FieldErrors, type UseFormReturn } from "react-hook-form";
import { z } from "zod";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { FieldsetError } from "@/components/ui/form";
import { redirectUriProblem } from "@/lib/oauth/schemas";

export type RedirectUriRow = { uri: string };
type RedirectUrisForm = { redirectUris: RedirectUriRow[] };

/**
 * The editor's rows as a form holds them. A blank row is allowed (it is dropped, see cleanUris); any
 * other is checked by the API's own rule, so the message shows under the row it is about.
 */
export const RedirectUriRows = z
  .array(
    z.object({
      uri: z
        .string()
        .trim()
        .max(2000)
        .refine((v) => !v || !redirectUriProblem(v), { error: (issue) => redirectUriProblem(String(issue.input)) ?? undefined }),
    }),
  )
  .max(20);

/** Rows for a list of URIs: one empty row when there are none, to type into. */
export function redirectUriRows(uris: readonly string[]): RedirectUriRow[] {
  return uris.length ? uris.map((uri) => ({ uri })) : [{ uri: "" }];
}

/** What the API gets: trimmed, blanks dropped. Indexes of its errors then follow this list. */
export function cleanUris(rows: readonly RedirectUriRow[]): string[] {
  return rows.map((r) => r.uri.trim()).filter(Boolean);
}

/**
 * After validation, the rows become the list the API gets (trimmed, blanks gone), so that
 * `redirectUris.N` in its answer points at row N. Rows that already match are left alone (and keep focus).
 */
export function alignRows<T extends RedirectUrisForm>(anyForm: UseFormReturn<T, any, any>, uris: readonly string[]) {
  const form = anyForm as unknown as UseFormReturn<RedirectUrisForm>;
  const rows = form.getValues("redirectUris");
  const next = redirectUriRows(uris);
  if (rows.length !== next.length || rows.some((r, i) => r.uri !== next[i].uri)) form.setValue("redirectUris", next);
}

/**
 * The redirect URI inputs of the surrounding Form (field `redirectUris`), with add/remove.
 * Errors show under their row (`redirectUris.i`) or under the list (`redirectUris`).
 */
export function RedirectUrisEditor() {
  const id = useId();
  const { control, register } = useFormContext<RedirectUrisForm>();
  const { fields, append, remove } = useFieldArray({ control, name: "redirectUris" });
  const { errors } = useFormState({ control, name: "redirectUris" });
  const listErrors = errors.redirectUris as (FieldErrors<RedirectUriRow>[] & { root?: FieldError; message?: string }) | undefined;
  const listError = listErrors?.root?.message ?? listErrors?.message;
  return (
    <fieldset className="text-sm" aria-describedby={`${id}-hint${listError ? ` ${id}-error` : ""}`}>
      <legend className="mb-1 block font-medium text-slate-800">Redirect URIs</legend>
      <div className="grid gap-2">
        {fields.map((row, i) => {
          const rowError = listErrors?.[i] as (FieldErrors<RedirectUriRow> & { message?: string }) | undefined;
          const problem = rowError?.uri?.message ?? rowError?.message;
          return (
            <div key={row.id}>
              <div className="flex items-center gap-2">
                <Input
                  {...register(`redirectUris.${i}.uri`)}
                  type="url"
                  placeholder="https://app.example.com/oauth/callback"
                  aria-label={`Redirect URI ${i + 1}`}
                  aria-describedby={problem ? `${id}-row-${i}` : undefined}
                  autoComplete="off"
                  invalid={!!problem}
                  className="font-mono text-xs"
                />
                <Button size="sm" variant="ghost" aria-label={`Remove redirect URI ${i + 1}`} onClick={() => remove(i)}>
                  Remove
                </Button>
              </div>
              <FieldsetError id={`${id}-row-${i}`} message={problem} />
            </div>
          );
        })}
      </div>
      {fields.length < 20 && (
        <Button size="sm" variant="secondary" className="mt-2" onClick={() => append({ uri: "" })}>
          Add redirect URI
        </Button>
      )}
      <span id={`${id}-hint`} className="mt-1 block text-xs text-slate-600">
        Matched exactly, character for character. Use https, or http only for localhost, 127.0.0.1 or [::1].
      </span>
      <FieldsetError id={`${id}-error`} message={listError} />
    </fieldset>
  );
}
