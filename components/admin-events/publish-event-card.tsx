"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, apiFetch } from "@/components/api/api-fetch";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ErrorState } from "@/components/ui/states";
import { EventTargetFields, type Target } from "./event-target-fields";
import { EventTypeSelect } from "./event-type-select";
import { JsonDataField, parseEventData } from "./json-data-field";
import { eventKeys } from "./queries";
import type { PublishedEvent } from "./types";

const placed = (path: string) => path === "type" || path === "data" || path.startsWith("data.") || path === "partnerId" || path === "accountId";

export function PublishEventCard() {
  const qc = useQueryClient();
  const [type, setType] = useState("");
  const [text, setText] = useState("{}");
  const [dirty, setDirty] = useState(false);
  const [target, setTarget] = useState<Target>({ kind: "none", partnerId: "", accountId: "" });
  const publish = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch<PublishedEvent>("/events", { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: (p: PublishedEvent) => `${p.type} published to ${p.deliveries} ${p.deliveries === 1 ? "endpoint" : "endpoints"}`, error: false },
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: eventKeys.list });
      qc.invalidateQueries({ queryKey: eventKeys.stats });
    },
  });
  const parsed = parseEventData(text);
  const err = publish.error instanceof ApiError ? publish.error : undefined;
  const dataErrors = err?.errors.filter((e) => e.path === "data" || e.path.startsWith("data.")) ?? [];
  const unplaced = publish.isError && !err?.errors.some((e) => placed(e.path));

  return (
    <Card title="Publish an event">
      <form
        className="grid gap-4"
        onSubmit={(e) => {
          e.preventDefault();
          setDirty(true);
          if (!type || !parsed.value) return;
          publish.mutate({
            type,
            data: parsed.value,
            ...(target.kind === "partner" && target.partnerId ? { partnerId: target.partnerId } : {}),
            ...(target.kind === "account" && target.accountId.trim() ? { accountId: target.accountId.trim() } : {}),
          });
        }}
      >
        <EventTypeSelect
          value={type}
          error={err?.fieldError("type")}
          onChange={(name, meta) => {
            setType(name);
            setText(meta ? JSON.stringify(meta.examplePayload ?? {}, null, 2) : "{}");
            publish.reset();
          }}
        />
        <EventTargetFields value={target} onChange={setTarget} errors={{ partnerId: err?.fieldError("partnerId"), accountId: err?.fieldError("accountId") }} />
        <JsonDataField
          value={text}
          onChange={(v) => {
            setText(v);
            setDirty(true);
          }}
          parseError={dirty ? parsed.error : undefined}
          serverErrors={dataErrors}
        />
        {unplaced && <ErrorState error={publish.error} />}
        {publish.data && (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="publish-result">
            Published <code className="font-mono text-xs">evt {publish.data.id}</code> to {publish.data.deliveries}{" "}
            {publish.data.deliveries === 1 ? "endpoint" : "endpoints"}.
          </p>
        )}
        <div className="flex justify-end">
          <Button type="submit" disabled={publish.isPending || !type || (dirty && !!parsed.error)}>
            {publish.isPending ? "Publishing…" : "Publish event"}
          </Button>
        </div>
      </form>
    </Card>
  );
}
