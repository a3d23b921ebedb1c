"use client";

import { Check, Paperclip, Search, X } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { Input, Select } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import type { TicketLinkType } from "@/lib/support/schemas";
import { isTicketLinkType, linkTypeLabel, linkTypePlural } from "./format";
import { useLinkable, type Linkable } from "./queries";

// "Attach": the requester points the ticket at their own objects (a dead delivery, an invoice, an
// install), so staff see its live state beside the conversation. Choose a kind, then search and pick
// from what the API offers for it (only the requester's own); picked ones show as removable chips.

export type PickedLink = { type: TicketLinkType; id: string; label: string };

export const MAX_LINKS = 10;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

export function LinkPicker({
  types,
  picked,
  onPick,
  onRemove,
  error,
  chipErrors = {},
}: {
  /** The kinds the requester can attach (a customer: integrations only). */
  types: readonly TicketLinkType[];
  picked: readonly PickedLink[];
  onPick: (link: PickedLink) => void;
  onRemove: (index: number) => void;
  /** The API's or the schema's message about the links as a whole. */
  error?: string;
  /** Messages about single links, by their index (`links.2` → 2). */
  chipErrors?: Record<number, string | undefined>;
}) {
  const id = useId();
  const [type, setType] = useState<TicketLinkType | null>(types.length === 1 ? types[0] : null);
  const [q, setQ] = useState("");
  const [said, setSaid] = useState("");
  const searchRef = useRef<HTMLInputElement>(null);
  const query = useDebounced(q.trim(), 250);
  const results = useLinkable(type, query);
  const full = picked.length >= MAX_LINKS;
  const isPicked = (l: Linkable) => picked.some((p) => p.type === l.type && p.id === l.id);

  const remove = (index: number) => {
    const gone = picked[index];
    onRemove(index);
    setSaid(`Removed ${linkTypeLabel[gone.type]} ${gone.label}.`);
    // The chip is gone with its button: focus goes where the next pick would be made.
    searchRef.current?.focus();
  };

  return (
    <fieldset className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-3 rounded-lg border border-slate-200 p-3 sm:p-4" aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend className="px-1 text-sm font-medium text-slate-800">Attach (optional)</legend>
      <p id={`${id}-hint`} className="-mt-1 text-xs text-slate-600">
        Point us at what is going wrong. The team sees its current state with your ticket. Up to {MAX_LINKS}.
      </p>

      {picked.length > 0 && (
        <ul aria-label="Attached" className="flex flex-wrap gap-2">
          {picked.map((p, i) => (
            <li key={`${p.type}:${p.id}`} data-testid={`attached-${p.type}`} className="min-w-0 max-w-full">
              <span
                className={`inline-flex max-w-full items-center gap-1.5 rounded-full py-1 pl-3 pr-1 text-xs ring-1 ring-inset ${
                  chipErrors[i] ? "bg-red-50 text-red-800 ring-red-300" : "bg-slate-100 text-slate-800 ring-slate-300"
                }`}
              >
                <Paperclip aria-hidden className="size-3.5 shrink-0" />
                <span className="font-medium">{linkTypeLabel[p.type]}</span>
                <span className="min-w-0 truncate">{p.label}</span>
                <button
                  type="button"
                  onClick={() => remove(i)}
                  aria-label={`Remove ${linkTypeLabel[p.type]} ${p.label}`}
                  className="rounded-full p-1 text-slate-600 hover:bg-slate-200 hover:text-slate-900"
                >
                  <X aria-hidden className="size-3.5" />
                </button>
              </span>
              {chipErrors[i] && <span className="mt-1 block text-xs text-red-700">{chipErrors[i]}</span>}
            </li>
          ))}
        </ul>
      )}
      {error && (
        <span id={`${id}-error`} className="block text-xs text-red-700">
          {error}
        </span>
      )}

      <div className="grid gap-3 sm:grid-cols-[12rem_1fr]">
        <div>
          <label htmlFor={`${id}-type`} className="mb-1 block text-xs font-medium text-slate-700">
            Kind
          </label>
          <Select
            id={`${id}-type`}
            value={type ?? ""}
            onChange={(e) => {
              setType(isTicketLinkType(e.target.value) ? e.target.value : null);
              setQ("");
            }}
          >
            {types.length > 1 && <option value="">Choose…</option>}
            {types.map((t) => (
              <option key={t} value={t}>
                {linkTypeLabel[t]}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor={`${id}-q`} className="mb-1 block text-xs font-medium text-slate-700">
            {type ? `Search your ${linkTypePlural[type]}` : "Search"}
          </label>
          <div className="relative">
            <Search aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-500" />
            <Input
              ref={searchRef}
              id={`${id}-q`}
              type="search"
              value={q}
              onChange={(e) => setQ(e.target.value)}
              // Enter picks nothing and must not send the ticket.
              onKeyDown={(e) => e.key === "Enter" && e.preventDefault()}
              disabled={!type}
              placeholder={type ? "Name, URL, number or id" : "Choose a kind first"}
              className="pl-8"
              autoComplete="off"
            />
          </div>
        </div>
      </div>

      {type && (
        <div aria-live="polite" aria-busy={results.isFetching} className="min-w-0">
          {results.isPending ? (
            <p className="text-xs text-slate-600">Looking…</p>
          ) : results.isError ? (
            <ErrorState error={results.error} onRetry={() => void results.refetch()} />
          ) : results.data.data.length === 0 ? (
            <p className="text-xs text-slate-600">
              {query ? `No ${linkTypePlural[type]} match “${query}”.` : `You have no ${linkTypePlural[type]} to attach.`}
            </p>
          ) : (
            <ul aria-label={`${linkTypePlural[type][0].toUpperCase()}${linkTypePlural[type].slice(1)} to attach`} className="max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md ring-1 ring-slate-200">
              {results.data.data.map((l) => {
                const already = isPicked(l);
                return (
                  <li key={l.id}>
                    <button
                      type="button"
                      disabled={already || full}
                      onClick={() => {
                        onPick({ type: l.type, id: l.id, label: l.label });
                        setSaid(`Attached ${linkTypeLabel[l.type]} ${l.label}.`);
                        searchRef.current?.focus();
                      }}
                      className="flex w-full items-start justify-between gap-3 px-3 py-2 text-left text-sm hover:bg-slate-50 disabled:cursor-default disabled:hover:bg-transparent"
                    >
                      <span className="min-w-0 [overflow-wrap:anywhere]">
                        <span className="block font-medium text-slate-900">{l.label}</span>
                        {l.description && <span className="block text-xs text-slate-600">{l.description}</span>}
                      </span>
                      <span className={`shrink-0 text-xs font-medium ${already ? "text-emerald-700" : "text-brand-700"}`}>
                        {already ? (
                          <span className="inline-flex items-center gap-1">
                            <Check aria-hidden className="size-3.5" />
                            Attached
                          </span>
                        ) : (
                          "Attach"
                        )}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {full && <p className="mt-2 text-xs text-slate-600">That is the most one ticket can hold. Remove one to attach another.</p>}
        </div>
      )}
      <p className="sr-only" role="status">
        {said}
      </p>
    </fieldset>
  );
}
