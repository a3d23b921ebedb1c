"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { ApiError, apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { EmptyState, ErrorState, LoadingState } from "@/components/ui/states";
import { completeMappings, defaultEventType, emptyRow, fieldGroups, mappingRows, MappingsForm, transformLabels, type MappingsFormValues } from "./mapping-model";
import { integrationKey, useEventTypes, useMappings, usePlatformFields, type EventTypeSample } from "./queries";
import { transforms, type Mapping, type MappingList, type MappingPreview, type PlatformField } from "./types";

/**
 * Which platform fields the app receives, under which of its own names, and how each is changed on
 * the way: rows to add and remove, saved all at once (PUT replaces them), with a preview beside
 * them of what the rows as they stand make of a sample event.
 */
export function MappingsEditor({ integrationId, readOnlyReason }: { integrationId: string; readOnlyReason?: string }) {
  const mappings = useMappings(integrationId);
  const fields = usePlatformFields();
  return (
    <Card title="Field mappings">
      <p className="mb-4 text-sm text-slate-600">
        Events sent to this app carry the mapped fields under the app&apos;s own names, changed as each row says.
      </p>
      {mappings.isPending || fields.isPending ? (
        <LoadingState label="Loading mappings…" />
      ) : mappings.isError || fields.isError ? (
        <ErrorState
          error={mappings.error ?? fields.error}
          onRetry={() => {
            void mappings.refetch();
            void fields.refetch();
          }}
        />
      ) : (
        <MappingsFormView
          // A new form when the saved mappings arrive from elsewhere (another tab's save, a refetch).
          key={JSON.stringify(mappings.data.data)}
          integrationId={integrationId}
          saved={mappings.data.data}
          platformFields={fields.data}
          mappableFields={mappings.data.targetFields}
          readOnlyReason={readOnlyReason}
        />
      )}
    </Card>
  );
}

function MappingsFormView({
  integrationId,
  saved,
  platformFields,
  mappableFields,
  readOnlyReason,
}: {
  integrationId: string;
  saved: Mapping[];
  platformFields: PlatformField[];
  mappableFields: string[];
  readOnlyReason?: string;
}) {
  const qc = useQueryClient();
  const form = useApiForm(MappingsForm, { defaultValues: mappingRows(saved) });
  const rows = useFieldArray({ control: form.control, name: "mappings" });
  const save = useMutation({
    mutationFn: (body: { mappings: Mapping[] }) => apiFetch<MappingList>(`/integrations/${integrationId}/mappings`, { method: "PUT", body }),
    meta: { success: "Mappings saved", error: false },
    // The stored set comes back: the form starts again from it (its key changes).
    onSuccess: (stored) => qc.setQueryData([...integrationKey(integrationId), "mappings"], stored),
    onError: (e) => applyServerErrors(form, e),
  });
  const readOnly = !!readOnlyReason;
  const watched = useWatch({ control: form.control, name: "mappings" });
  // A chosen field the list no longer has stays choosable (and shown) in its row.
  const chosen = (watched ?? []).map((r) => r?.sourceField ?? "").join("\n");
  const groups = useMemo(() => fieldGroups(platformFields, chosen.split("\n")), [platformFields, chosen]);

  return (
    <Form
      form={form}
      onSubmit={(body) => save.mutate({ mappings: body.mappings.map((m) => ({ sourceField: m.sourceField, targetField: m.targetField, transform: m.transform })) })}
      aria-label="Field mappings"
      className={`grid items-start gap-6 ${rows.fields.length > 0 ? "2xl:grid-cols-[minmax(0,1fr)_minmax(0,24rem)]" : ""}`}
    >
      <div className="min-w-0">
        {readOnly && (
          <p className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="mappings-read-only">
            {readOnlyReason}
          </p>
        )}
        {rows.fields.length === 0 ? (
          <EmptyState title="No fields mapped">
            {readOnly ? "Nothing is mapped for this app." : "Add a mapping to send a platform field to the app under the name it expects."}
          </EmptyState>
        ) : (
          <ol className="grid gap-3" aria-label="Mappings">
            {rows.fields.map((row, i) => (
              <li key={row.id} className="rounded-lg border border-slate-200 p-3" data-testid="mapping-row">
                <fieldset disabled={readOnly || save.isPending} className="min-w-0">
                  <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-600">Mapping {i + 1}</legend>
                  <div className="grid gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_minmax(0,12rem)_auto] md:items-start">
                    <FormField name={`mappings.${i}.sourceField`} label="Platform field">
                      <Select {...form.register(`mappings.${i}.sourceField`)}>
                        <option value="">Choose a field</option>
                        {groups.map((g) => (
                          <optgroup key={g.area} label={g.area}>
                            {g.fields.map((f) => (
                              <option key={f} value={f}>
                                {f}
                              </option>
                            ))}
                          </optgroup>
                        ))}
                      </Select>
                    </FormField>
                    <FormField name={`mappings.${i}.targetField`} label="Field in the app">
                      {mappableFields.length > 0 ? (
                        <Select {...form.register(`mappings.${i}.targetField`)}>
                          <option value="">Choose a field</option>
                          {[...new Set([...mappableFields, ...(watched?.[i]?.targetField ? [watched[i].targetField] : [])])].map((f) => (
                            <option key={f} value={f}>
                              {f}
                            </option>
                          ))}
                        </Select>
                      ) : (
                        <Input {...form.register(`mappings.${i}.targetField`)} autoComplete="off" spellCheck={false} placeholder="e.g. contact_email" />
                      )}
                    </FormField>
                    <FormField name={`mappings.${i}.transform`} label="Transform">
                      <Select {...form.register(`mappings.${i}.transform`)}>
                        {transforms.map((t) => (
                          <option key={t} value={t}>
                            {transformLabels[t]}
                          </option>
                        ))}
                      </Select>
                    </FormField>
                    {!readOnly && (
                      <div className="md:pt-6">
                        <Button variant="ghost" size="sm" onClick={() => rows.remove(i)} aria-label={`Remove mapping ${i + 1}`}>
                          <Trash2 aria-hidden className="size-4" />
                          <span className="md:sr-only">Remove</span>
                        </Button>
                      </div>
                    )}
                  </div>
                </fieldset>
              </li>
            ))}
          </ol>
        )}
        <div className="mt-4">
          <FormErrorState error={save.error} />
        </div>
        {!readOnly && (
          <div className="mt-4 flex flex-wrap justify-between gap-2 border-t border-slate-200 pt-4">
            <Button variant="secondary" onClick={() => rows.append(emptyRow)} disabled={save.isPending}>
              <Plus aria-hidden className="size-4" />
              Add mapping
            </Button>
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" onClick={() => form.reset()} disabled={!form.formState.isDirty || save.isPending}>
                Discard changes
              </Button>
              <Button type="submit" disabled={save.isPending}>
                {save.isPending ? "Saving…" : "Save mappings"}
              </Button>
            </div>
          </div>
        )}
      </div>
      {rows.fields.length > 0 && <LivePreviewSlot integrationId={integrationId} saved={saved} />}
    </Form>
  );
}

/** The preview reads the form's rows as they stand: it lives inside the form's context, drawn beside it. */
function LivePreviewSlot({ integrationId, saved }: { integrationId: string; saved: Mapping[] }) {
  const { control } = useFormContext<MappingsFormValues>();
  const rows = useWatch({ control, name: "mappings" });
  const { mappings, rowOf } = completeMappings(rows);
  return <PreviewPane integrationId={integrationId} mappings={mappings} rowOf={rowOf} initialMappings={saved} />;
}

/** The value after a short pause in typing: one preview request per pause, not per key. */
function useSettled<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [key, ms]); // eslint-disable-line react-hooks/exhaustive-deps
  return settled;
}

function PreviewPane({
  integrationId,
  mappings,
  rowOf,
  initialMappings,
}: {
  integrationId: string;
  mappings: Mapping[];
  /** The form row of each mapping sent (rows not filled in are not sent). */
  rowOf: number[];
  initialMappings: Mapping[];
}) {
  const types = useEventTypes();
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const eventType = chosen ?? (types.data ? defaultEventType(types.data, initialMappings.length ? initialMappings : mappings) : undefined);
  const sample = types.data?.find((t) => t.name === eventType);
  return (
    <section aria-labelledby={`${integrationId}-preview`} className="min-w-0 rounded-lg border border-slate-200 bg-slate-50 p-4" data-testid="mapping-preview">
      <h3 id={`${integrationId}-preview`} className="text-sm font-semibold text-slate-900">
        Preview
      </h3>
      <p className="mt-1 text-xs text-slate-600">What the rows above make of a sample event, as you edit them (before saving).</p>
      {types.isPending ? (
        <LoadingState label="Loading event types…" />
      ) : types.isError ? (
        <ErrorState error={types.error} onRetry={() => void types.refetch()} />
      ) : (
        <div className="mt-3 grid gap-4">
          <Field label="Sample event">
            <Select value={eventType ?? ""} onChange={(e) => setChosen(e.target.value)}>
              {types.data
                .filter((t) => !t.deprecated)
                .map((t) => (
                  <option key={t.name} value={t.name}>
                    {t.name}
                  </option>
                ))}
            </Select>
          </Field>
          {sample && <SampleAndResult key={sample.name} integrationId={integrationId} sample={sample} mappings={mappings} rowOf={rowOf} />}
        </div>
      )}
    </section>
  );
}

function SampleAndResult({ integrationId, sample, mappings, rowOf }: { integrationId: string; sample: EventTypeSample; mappings: Mapping[]; rowOf: number[] }) {
  const [text, setText] = useState(() => JSON.stringify(sample.examplePayload, null, 2));
  const parsed = useMemo(() => {
    try {
      const v: unknown = JSON.parse(text);
      return typeof v === "object" && v !== null && !Array.isArray(v) ? { ok: true as const, data: v as Record<string, unknown> } : { ok: false as const };
    } catch {
      return { ok: false as const };
    }
  }, [text]);
  const request = useSettled({ mappings, data: parsed.ok ? parsed.data : null });
  const preview = useQuery({
    queryKey: [...integrationKey(integrationId), "preview", sample.name, request],
    queryFn: () =>
      apiFetch<MappingPreview>(`/integrations/${integrationId}/mappings/preview`, {
        method: "POST",
        body: { event: { type: sample.name, data: request.data }, mappings: request.mappings },
      }),
    enabled: request.data !== null && request.mappings.length > 0,
    placeholderData: (prev) => prev,
    retry: false,
    staleTime: Infinity,
  });
  return (
    <>
      <Field label="Event data (JSON)" error={parsed.ok ? undefined : "Not valid JSON: the preview waits for a JSON object."} hint="Edit it to try other values.">
        <Textarea value={text} onChange={(e) => setText(e.target.value)} rows={8} spellCheck={false} className="font-mono text-xs" />
      </Field>
      <div aria-live="polite" aria-busy={preview.isFetching} data-testid="mapping-preview-result">
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-600">The app receives</h4>
        {mappings.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">Nothing yet: add a mapping with both fields filled in.</p>
        ) : preview.isError ? (
          <PreviewProblem error={preview.error} rowOf={rowOf} />
        ) : !preview.data ? (
          <p className="mt-1 text-sm text-slate-600">Working out the preview…</p>
        ) : (
          <>
            {Object.keys(preview.data.mapped).length === 0 ? (
              <p className="mt-1 text-sm text-slate-600">Nothing: no mapped field is in a {sample.name} event.</p>
            ) : (
              // Focusable: a long value scrolls sideways, and the keyboard must reach it.
              <pre
                tabIndex={0}
                role="region"
                aria-label="Mapped fields"
                className="mt-2 overflow-x-auto rounded-md bg-white p-3 font-mono text-xs text-slate-900 ring-1 ring-slate-200"
                data-testid="mapping-preview-mapped"
              >
                {JSON.stringify(preview.data.mapped, null, 2)}
              </pre>
            )}
            <ol className="mt-3 grid gap-1.5 text-xs text-slate-700" aria-label="Each mapping">
              {preview.data.results.map((r, i) => (
                <li key={`${i}-${r.sourceField}-${r.targetField}`} className="min-w-0 break-words">
                  <span className="font-medium">Mapping {(rowOf[i] ?? i) + 1}:</span> <code className="font-mono">{r.sourceField}</code> → <code className="font-mono">{r.targetField}</code>
                  {r.transform !== "none" ? ` (${transformLabels[r.transform].toLowerCase()})` : ""}:{" "}
                  {r.applies ? (
                    <>
                      <code className="font-mono">{JSON.stringify(r.input)}</code> → <code className="font-mono">{JSON.stringify(r.output)}</code>
                    </>
                  ) : (
                    <span className="text-slate-600">not in this event</span>
                  )}
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </>
  );
}

function PreviewProblem({ error, rowOf }: { error: unknown; rowOf: number[] }) {
  if (error instanceof ApiError && error.errors.length) {
    return (
      <ul className="mt-1 list-disc pl-5 text-sm text-red-700">
        {error.errors.map((e) => (
          <li key={`${e.path}:${e.message}`}>
            {rowName(e.path, rowOf)}: {e.message}
          </li>
        ))}
      </ul>
    );
  }
  return <p className="mt-1 text-sm text-red-700">{error instanceof Error ? error.message : "The preview could not be made."}</p>;
}

/** "mappings.2.targetField" → "Mapping 3, field in the app", as the rows are named. */
function rowName(path: string, rowOf: number[]): string {
  const m = /^mappings\.(\d+)\.(\w+)/.exec(path);
  if (!m) return path;
  const what = { sourceField: "platform field", targetField: "field in the app", transform: "transform" }[m[2]] ?? m[2];
  return `Mapping ${(rowOf[Number(m[1])] ?? Number(m[1])) + 1}, ${what}`;
}
