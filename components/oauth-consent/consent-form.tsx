"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";

export type ConsentFormProps = {
  params: Record<string, string>;
  action: (formData: FormData) => Promise<{ error: string } | undefined>;
};

/** Authorize / Deny; the hidden fields carry the original request, which the server validates again. */
export function ConsentForm({ params, action }: ConsentFormProps) {
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const submit = (decision: "authorize" | "deny") => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(params)) fd.set(k, v);
    fd.set("decision", decision);
    start(async () => {
      const res = await action(fd);
      if (res?.error) setError(res.error);
    });
  };
  return (
    <div className="space-y-3">
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
          Authorize
        </Button>
      </div>
    </div>
  );
}
