import type { ReactNode } from "react";
import { CopyButton } from "./copy-button";

// Payloads, headers and bodies: wrapped (never a sideways scroll, never clipped),
// JSON coloured by a small tokenizer, each with its own copy button.

/** Pretty JSON when the value is JSON (or a string holding JSON), else the text as it is. */
export function toDisplayText(value: unknown): { text: string; json: boolean } | null {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value === "string") {
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === "object" && parsed !== null) return { text: JSON.stringify(parsed, null, 2), json: true };
    } catch {
      // not JSON: shown as sent
    }
    return { text: value, json: false };
  }
  return { text: JSON.stringify(value, null, 2), json: true };
}

// A string (maybe a key, when a colon follows), a literal, or a number.
const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

/** Colours the tokens of pretty-printed JSON; everything else (brackets, commas, spaces) stays plain. */
export function highlightJson(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    if (at > last) out.push(text.slice(last, at));
    const [whole, str, colon, literal, num] = m;
    if (str !== undefined && colon !== undefined) {
      out.push(
        <span key={at} className="text-sky-300">
          {str}
        </span>,
        colon,
      );
    } else if (str !== undefined) {
      out.push(
        <span key={at} className="text-emerald-300">
          {str}
        </span>,
      );
    } else if (literal !== undefined) {
      out.push(
        <span key={at} className="text-violet-300">
          {literal}
        </span>,
      );
    } else if (num !== undefined) {
      out.push(
        <span key={at} className="text-amber-300">
          {num}
        </span>,
      );
    } else out.push(whole);
    last = at + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function headersText(headers: Record<string, string> | null | undefined): string | null {
  if (!headers) return null;
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  return lines.length ? lines.join("\n") : null;
}

function highlightHeaders(text: string): ReactNode[] {
  return text.split("\n").map((line, i) => {
    const colon = line.indexOf(":");
    return (
      <span key={i} className="block">
        <span className="text-sky-300">{colon > 0 ? line.slice(0, colon) : line}</span>
        {colon > 0 ? line.slice(colon) : ""}
      </span>
    );
  });
}

/**
 * A labelled block of code with a copy button. `value` is anything: JSON values
 * and JSON strings are pretty-printed and coloured; `headers` shows "name: value" lines.
 */
export function CodeBlock({
  label,
  value,
  headers,
  empty = "Empty",
}: {
  label: string;
  value?: unknown;
  headers?: Record<string, string> | null;
  /** Shown instead of a block when there is nothing. */
  empty?: string;
}) {
  const shown = headers !== undefined ? (headersText(headers) === null ? null : { text: headersText(headers)!, json: false }) : toDisplayText(value);
  return (
    <div className="min-w-0">
      <div className="mb-1 flex items-center justify-between gap-2">
        <p className="text-xs font-medium text-slate-700">{label}</p>
        {/* A string is copied as it was sent (the exact bytes a signature covers), not as pretty-printed. */}
        {shown && <CopyButton value={typeof value === "string" && headers === undefined ? value : shown.text} name={`Copy ${label.toLowerCase()}`} variant="ghost" />}
      </div>
      {shown ? (
        <pre className="whitespace-pre-wrap rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-5 text-slate-100 [overflow-wrap:anywhere]">
          <code>{headers !== undefined ? highlightHeaders(shown.text) : shown.json ? highlightJson(shown.text) : shown.text}</code>
        </pre>
      ) : (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-xs text-slate-600">{empty}</p>
      )}
    </div>
  );
}
