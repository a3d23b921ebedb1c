"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ApiError, apiFetch, type FieldError } from "@/components/api/api-fetch";
import { asSentence } from "@/components/forms/error-map";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { groupLabel } from "./kinds";
import { MailSwitch } from "./mail-switch";
import { placePreferenceErrors } from "./preference-errors";
import { preferencesKey } from "./queries";
import type { NotificationPreference, PreferenceList } from "./types";

type Choices = Record<string, boolean>;

const saved = (list: PreferenceList): Choices => Object.fromEntries(list.data.map((p) => [p.kind, p.mail]));

/** The kinds in catalog order, grouped; groups in the order their first kind comes. */
function byGroup(prefs: NotificationPreference[]): [string, NotificationPreference[]][] {
  const groups = new Map<string, NotificationPreference[]>();
  for (const p of prefs) groups.set(p.group, [...(groups.get(p.group) ?? []), p]);
  return [...groups];
}

/**
 * Which notifications also come by email, kind by kind. The draft is kept apart from what the
 * server holds until Save, so a refetch does not wipe what the user is changing.
 */
export function PreferencesForm() {
  const client = useQueryClient();
  const prefs = useQuery({ queryKey: preferencesKey, queryFn: () => apiFetch<PreferenceList>("/me/notification-preferences") });
  const [draft, setDraft] = useState<Choices | null>(null);
  // The last failed save: field errors show beside their kind, the rest (and a failure without
  // field errors, e.g. the network) in one alert above the Save button. `sent` is the request's
  // list of kinds, which the errors' paths (`preferences.<i>.kind`) count in.
  const [failure, setFailure] = useState<{ message: string; errors: FieldError[]; sent: string[] } | null>(null);
  const save = useMutation({
    // Only the kinds the user changed: a kind never chosen keeps following the catalog's default.
    mutationFn: (changes: { kind: string; mail: boolean }[]) =>
      apiFetch<PreferenceList>("/me/notification-preferences", { method: "PUT", body: { preferences: changes } }),
    onSuccess: (list) => {
      client.setQueryData(preferencesKey, list);
      setDraft(null);
      setFailure(null);
    },
    onError: (err, changes) =>
      setFailure({
        message: err instanceof ApiError ? err.message : "Could not reach Portico. Check your connection and try again.",
        errors: err instanceof ApiError ? err.errors : [],
        sent: changes.map((c) => c.kind),
      }),
    meta: { success: "Notification settings saved", error: false },
  });
  const formError = useId();

  if (prefs.isPending) return <LoadingState label="Loading your notification settings…" />;
  if (prefs.isError) return <ErrorState error={prefs.error} onRetry={() => void prefs.refetch()} />;

  const list = prefs.data.data;
  const server = saved(prefs.data);
  const choices = { ...server, ...draft };
  const changes = list.filter((p) => choices[p.kind] !== server[p.kind]).map((p) => ({ kind: p.kind, mail: choices[p.kind] }));
  const dirty = changes.length > 0;
  const atDefaults = list.every((p) => choices[p.kind] === p.defaultMail);
  const { byKind, unplaced } = placePreferenceErrors(failure?.errors ?? [], failure?.sent ?? []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (dirty) save.mutate(changes);
  };

  return (
    <form onSubmit={submit} aria-describedby={failure ? formError : undefined} className="grid gap-6">
      {byGroup(list).map(([group, kinds]) => (
        <Card key={group} title={groupLabel(group)}>
          <ul className="-my-2 divide-y divide-slate-100">
            {kinds.map((p) => (
              <PreferenceRow
                key={p.kind}
                pref={p}
                mail={choices[p.kind]}
                error={byKind.get(p.kind)}
                disabled={save.isPending}
                onChange={(mail) => setDraft((d) => ({ ...d, [p.kind]: mail }))}
              />
            ))}
          </ul>
        </Card>
      ))}
      {failure && (unplaced.length > 0 || byKind.size === 0) && (
        <div id={formError} role="alert" className="rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          <p className="font-medium">Your notification settings were not saved.</p>
          {unplaced.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {unplaced.map((e) => (
                <li key={`${e.path}:${e.message}`}>
                  {e.path ? <code className="font-mono text-xs">{e.path}</code> : null} {asSentence(e.message)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-1">{asSentence(failure.message)}</p>
          )}
        </div>
      )}
      {/* Kept in view while scrolling a long list: the choice and its Save are never a page apart. */}
      <div className="sticky bottom-0 z-10 -mx-1 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50/95 px-1 py-3">
        <Button type="submit" disabled={!dirty || save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
        <Button
          variant="secondary"
          disabled={atDefaults || save.isPending}
          onClick={() => setDraft(Object.fromEntries(list.map((p) => [p.kind, p.defaultMail])))}
        >
          Use the defaults
        </Button>
        {dirty && (
          <Button variant="ghost" disabled={save.isPending} onClick={() => (setDraft(null), setFailure(null))}>
            Discard changes
          </Button>
        )}
        <p className="text-sm text-slate-600" aria-live="polite">
          {dirty ? "You have unsaved changes." : ""}
        </p>
      </div>
    </form>
  );
}

function PreferenceRow({
  pref,
  mail,
  error,
  disabled,
  onChange,
}: {
  pref: NotificationPreference;
  mail: boolean;
  error?: string;
  disabled: boolean;
  onChange: (mail: boolean) => void;
}) {
  const id = useId();
  return (
    <li className="flex flex-wrap items-start justify-between gap-x-6 gap-y-2 py-3" data-testid={`preference-${pref.kind}`}>
      <div className="min-w-0 flex-1 basis-56">
        <p id={`${id}-label`} className="text-sm font-medium text-slate-900">
          {pref.label}
        </p>
        <p id={`${id}-description`} className="mt-0.5 text-sm text-slate-600">
          {pref.description}
          {mail !== pref.defaultMail && <span className="text-slate-600"> (Email is {pref.defaultMail ? "on" : "off"} by default.)</span>}
        </p>
        {error && (
          <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
            {asSentence(error)}
          </p>
        )}
      </div>
      <MailSwitch
        checked={mail}
        onChange={onChange}
        disabled={disabled}
        labelledBy={`${id}-label`}
        describedBy={[`${id}-description`, error ? `${id}-error` : ""].filter(Boolean).join(" ")}
      />
    </li>
  );
}
