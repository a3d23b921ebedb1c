"use client";

import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

/** A list of redirect URI inputs with add/remove; `errorAt(i)` names the problem with input i (`redirectUris.i`). */
export function RedirectUrisEditor({
  value,
  onChange,
  error,
  errorAt,
}: {
  value: string[];
  onChange: (uris: string[]) => void;
  error?: string;
  errorAt: (index: number) => string | undefined;
}) {
  const set = (i: number, v: string) => onChange(value.map((u, j) => (j === i ? v : u)));
  return (
    <fieldset className="text-sm">
      <legend className="mb-1 block font-medium text-slate-800">Redirect URIs</legend>
      <div className="grid gap-2">
        {value.map((uri, i) => {
          const problem = errorAt(i);
          return (
            <div key={i}>
              <div className="flex items-center gap-2">
                <Input
                  type="url"
                  value={uri}
                  onChange={(e) => set(i, e.target.value)}
                  placeholder="https://app.example.com/oauth/callback"
                  aria-label={`Redirect URI ${i + 1}`}
                  autoComplete="off"
                  invalid={!!problem}
                  className="font-mono text-xs"
                />
                <Button size="sm" variant="ghost" aria-label={`Remove redirect URI ${i + 1}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
                  Remove
                </Button>
              </div>
              {problem && <span className="mt-1 block text-xs text-red-700">{problem}</span>}
            </div>
          );
        })}
      </div>
      {value.length < 20 && (
        <Button size="sm" variant="secondary" className="mt-2" onClick={() => onChange([...value, ""])}>
          Add redirect URI
        </Button>
      )}
      <span className="mt-1 block text-xs text-slate-600">
        Matched exactly, character for character. Use https, or http only for localhost, 127.0.0.1 or [::1].
      </span>
      {error && <span className="mt-1 block text-xs text-red-700">{error}</span>}
    </fieldset>
  );
}

/** What the API gets: trimmed, blanks dropped. Indexes of errors then follow this list. */
export function cleanUris(uris: string[]): string[] {
  return uris.map((u) => u.trim()).filter(Boolean);
}
