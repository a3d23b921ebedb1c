"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Field, Select } from "@/components/ui/field";

export type ConsentFormProps = {
  params: Record<string, string>;
  action: (formData: FormData) => Promise<{ error: string } | undefined>;
  /** Install consent for someone in several agencies: which one the app is installed into. */
  accounts?: { id: string; name: string }[];
  accountId?: string;
  authorizeLabel?: string;
};

/** Authorize / Deny; the hidden fields carry the original request, which the server validates again. */
export function ConsentForm({ params, action, accounts, accountId, authorizeLabel = "Authorize" }: ConsentFormProps) {
  const [error, setError] = useState<string | null>(null);
  const [account, setAccount] = useState(accountId ?? "");
  const [pending, start] = useTransition();
  const submit = (decision: "authorize" | "deny") => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(params)) fd.set(k, v);
    fd.set("decision", decision);
    if (account) fd.set("account_id", account);
    start(async () => {
      const res = await action(fd);
      if (res?.error) setError(res.error);
    });
  };
  return (
    <div className="space-y-3">
      {accounts && accounts.length > 1 && (
        <Field label="Install into" hint="Agencies where you are an owner or admin.">
          <Select value={account} onChange={(e) => setAccount(e.target.value)}>
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        </Field>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button type="button" variant="secondary" disabled={pending} onClick={() => submit("deny")}>
          Deny
        </Button>
        <Button type="button" disabled={pending} onClick={() => submit("authorize")}>
          {authorizeLabel}
        </Button>
      </div>
    </div>
  );
}
