"use client";

import { Tabs } from "radix-ui";
import type { ComponentProps } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Markdown } from "@/components/marketplace/markdown";
import { Field, Textarea } from "@/components/ui/field";
import { useFieldError } from "@/components/ui/form";

export const MARKDOWN_HINT = "Markdown: **bold**, _italic_, `code`, ``` for code blocks, lists and [links](https://…). No HTML.";

export type EditorTab = "write" | "preview";

/**
 * A message box with Write and Preview tabs: the text as Markdown, and how it will read. The
 * textarea stays mounted (hidden) on Preview, so the form keeps it registered and can focus it.
 */
export function MessageEditor({
  label,
  hint = MARKDOWN_HINT,
  error,
  tab,
  onTabChange,
  value,
  textarea,
}: {
  label: string;
  hint?: string;
  error?: string;
  tab: EditorTab;
  onTabChange: (tab: EditorTab) => void;
  /** The text as typed (for the preview). */
  value: string;
  /** The textarea's props: `form.register("body")` and its size. */
  textarea: ComponentProps<typeof Textarea>;
}) {
  const trigger =
    "-mb-px rounded-t-md border border-transparent px-3 py-1.5 text-xs font-medium text-slate-600 hover:text-slate-900 data-[state=active]:border-slate-300 data-[state=active]:border-b-white data-[state=active]:bg-white data-[state=active]:text-slate-900";
  return (
    <Field label={label} hint={hint} error={error}>
      <Tabs.Root value={tab} onValueChange={(v) => onTabChange(v as EditorTab)}>
        <Tabs.List aria-label={`${label}: write or preview`} className="flex gap-1 border-b border-slate-300">
          <Tabs.Trigger value="write" className={trigger}>
            Write
          </Tabs.Trigger>
          <Tabs.Trigger value="preview" className={trigger}>
            Preview
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="write" forceMount className="pt-2 outline-none data-[state=inactive]:hidden">
          <Textarea rows={8} {...textarea} />
        </Tabs.Content>
        <Tabs.Content value="preview" className="pt-2 outline-none">
          <div className="min-h-[10rem] rounded-md px-3 py-2 ring-1 ring-inset ring-slate-200" data-testid="message-preview">
            {value.trim() ? <Markdown headingLevel={3} images={false}>{value}</Markdown> : <p className="text-sm italic text-slate-600">Nothing to preview yet.</p>}
          </div>
        </Tabs.Content>
      </Tabs.Root>
    </Field>
  );
}

/** The editor as a field of the surrounding Form: registered, previewing what is typed, with the field's error. */
export function FormMessageEditor({
  name = "body",
  label,
  tab,
  onTabChange,
  rows = 6,
  placeholder,
}: {
  name?: string;
  label: string;
  tab: EditorTab;
  onTabChange: (tab: EditorTab) => void;
  rows?: number;
  placeholder?: string;
}) {
  const { register } = useFormContext();
  const value = (useWatch({ name }) as string | undefined) ?? "";
  const error = useFieldError(name);
  return <MessageEditor label={label} error={error} tab={tab} onTabChange={onTabChange} value={value} textarea={{ ...register(name), rows, maxLength: 20_000, placeholder }} />;
}
