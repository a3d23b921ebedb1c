"use client";

import { X } from "lucide-react";
import { useId, useState, type KeyboardEvent } from "react";
import { get, useController, useFormContext, useFormState } from "react-hook-form";
import { asSentence, formErrorMap } from "@/components/forms/error-map";
import { Field, Input } from "@/components/ui/field";
import { MAX_TAGS, TagList, type ListingFormValues } from "./listing-form-model";

/** The form's error for the tag list: its own, or the first tag's (a server error naming `tags.3`). */
function useTagsError(): string | undefined {
  const { errors } = useFormState<ListingFormValues>({ name: "tags" });
  const error = get(errors, "tags") as { message?: string; root?: { message?: string } } | Array<{ message?: string } | undefined> | undefined;
  if (!error) return undefined;
  if (Array.isArray(error)) return error.find((e) => e?.message)?.message;
  return error.message ?? error.root?.message;
}

/**
 * Tags as chips: type one and press Enter (or a comma) to add it; Backspace in the empty box
 * removes the last; each chip has its own remove button. Each tag is checked by the API's own rule
 * as it is added (lower-cased, no duplicates), so the list the form holds is always one the API takes.
 */
export function TagsField() {
  const id = useId();
  const { control } = useFormContext<ListingFormValues>();
  const {
    field: { ref, name, value: tags, onChange, onBlur, disabled },
  } = useController({ control, name: "tags" });
  const formError = useTagsError();
  const [draft, setDraft] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const full = tags.length >= MAX_TAGS;

  const add = (raw: string) => {
    const parts = raw
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    if (!parts.length) return;
    let next = [...tags];
    let issue: string | null = null;
    let stoppedAt = -1;
    for (const [i, part] of parts.entries()) {
      const parsed = TagList.safeParse([part], { error: formErrorMap });
      const tag = parsed.success ? parsed.data[0] : undefined;
      if (!parsed.success || tag === undefined) issue = `“${part}”: ${asSentence(parsed.error?.issues[0]?.message ?? "not a valid tag")}`;
      else if (!next.includes(tag) && next.length >= MAX_TAGS) issue = `Use at most ${MAX_TAGS} tags.`;
      if (issue || tag === undefined) {
        stoppedAt = i;
        break;
      }
      if (!next.includes(tag)) next = [...next, tag];
    }
    setProblem(issue);
    if (next.length !== tags.length) onChange(next);
    // What could not be added stays in the box, to be fixed.
    setDraft(stoppedAt >= 0 ? parts.slice(stoppedAt).join(", ") : "");
  };

  const remove = (tag: string) => {
    setProblem(null);
    onChange(tags.filter((t) => t !== tag));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter" || e.key === ",") {
      // Enter adds the tag; it never submits the form from here.
      e.preventDefault();
      add(draft);
    } else if (e.key === "Backspace" && draft === "" && tags.length) {
      e.preventDefault();
      remove(tags[tags.length - 1]);
    }
  };

  return (
    <Field
      label="Tags"
      error={problem ?? formError}
      hint={`${tags.length} of ${MAX_TAGS}. Press Enter or type a comma to add one: letters, digits, spaces and & + . -`}
    >
      {tags.length > 0 && (
        <ul aria-label="Tags added" className="mb-2 flex flex-wrap gap-1.5" id={`${id}-chips`}>
          {tags.map((tag) => (
            <li key={tag} className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pl-2.5 pr-1 text-xs font-medium text-brand-700 ring-1 ring-inset ring-brand-600/20">
              {tag}
              <button
                type="button"
                onClick={() => remove(tag)}
                aria-label={`Remove tag ${tag}`}
                className="rounded-full p-0.5 hover:bg-brand-100 focus-visible:outline-2 focus-visible:outline-brand-600"
              >
                <X aria-hidden className="size-3" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <Input
        ref={ref}
        name={name}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          if (problem) setProblem(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (draft.trim()) add(draft);
          onBlur();
        }}
        disabled={full || disabled}
        placeholder={full ? `${MAX_TAGS} tags: remove one to add another` : "e.g. claims, fnol"}
        autoComplete="off"
        enterKeyHint="done"
      />
    </Field>
  );
}
