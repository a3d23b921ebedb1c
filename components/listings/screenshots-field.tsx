"use client";

import { Plus } from "lucide-react";
import { useId } from "react";
import { useFieldArray, useFormContext, useFormState, type FieldError, type FieldErrors, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { FieldsetError } from "@/components/ui/form";
import { MAX_SCREENSHOTS, type ListingFormValues } from "./listing-form-model";

type Row = ListingFormValues["screenshots"][number];

/**
 * After validation, the rows become the list the API gets (trimmed, blanks gone), so that
 * `screenshots.N` in its answer points at row N. Rows that already match are left alone (and keep focus).
 */
export function alignScreenshotRows(form: UseFormReturn<ListingFormValues, any, any>, urls: readonly string[]) {
  const rows = form.getValues("screenshots");
  if (rows.length !== urls.length || rows.some((r, i) => r.url !== urls[i])) form.setValue("screenshots", urls.map((url) => ({ url })));
}

/** Up to six screenshot URLs, one row each, in the order the listing page shows them. */
export function ScreenshotsField() {
  const id = useId();
  const { control, register } = useFormContext<ListingFormValues>();
  const { fields, append, remove } = useFieldArray({ control, name: "screenshots" });
  const { errors } = useFormState({ control, name: "screenshots" });
  const listErrors = errors.screenshots as (FieldErrors<Row>[] & { root?: FieldError; message?: string }) | undefined;
  const listError = listErrors?.root?.message ?? listErrors?.message;
  return (
    <fieldset className="min-w-0 text-sm" aria-describedby={`${id}-hint${listError ? ` ${id}-error` : ""}`}>
      <legend className="mb-1 block font-medium text-slate-800">Screenshots</legend>
      <span id={`${id}-hint`} className="mb-2 block text-xs text-slate-600">
        Up to {MAX_SCREENSHOTS} images served over https, shown in this order. 1280 × 800 reads well on every screen.
      </span>
      {fields.length > 0 && (
        <ol className="mb-2 grid gap-2">
          {fields.map((row, i) => {
            const rowError = listErrors?.[i] as (FieldErrors<Row> & { message?: string }) | undefined;
            const problem = rowError?.url?.message ?? rowError?.message;
            return (
              <li key={row.id}>
                <div className="flex items-center gap-2">
                  <span aria-hidden className="w-5 shrink-0 text-right text-xs tabular-nums text-slate-600">
                    {i + 1}.
                  </span>
                  <Input
                    {...register(`screenshots.${i}.url`)}
                    type="url"
                    inputMode="url"
                    placeholder="https://example.com/screenshot.png"
                    aria-label={`Screenshot ${i + 1} URL`}
                    aria-describedby={problem ? `${id}-row-${i}` : undefined}
                    invalid={!!problem}
                    autoComplete="off"
                    className="font-mono text-xs"
                  />
                  <Button size="sm" variant="ghost" aria-label={`Remove screenshot ${i + 1}`} onClick={() => remove(i)}>
                    Remove
                  </Button>
                </div>
                <div className="pl-7">
                  <FieldsetError id={`${id}-row-${i}`} message={problem} />
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {fields.length < MAX_SCREENSHOTS ? (
        <Button size="sm" variant="secondary" onClick={() => append({ url: "" }, { shouldFocus: true })}>
          <Plus aria-hidden className="size-3.5" />
          Add screenshot
        </Button>
      ) : (
        <p className="text-xs text-slate-600">That is the most a listing shows: remove one to add another.</p>
      )}
      <FieldsetError id={`${id}-error`} message={listError} />
    </fieldset>
  );
}
