"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch, ApiError } from "@/components/api/api-fetch";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import { ErrorState } from "@/components/ui/states";
import { endpointName } from "./endpoint-row";
import { useAllEndpoints, useEventTypes } from "./queries";
import type { ReplayJob } from "./types";

const finished = (status?: string) => status === "succeeded" || status === "failed" || status === "dead";

export function ReplayPanel({ partnerId, canWrite }: { partnerId: string; canWrite: boolean }) {
  const endpoints = useAllEndpoints(partnerId);
  const eventTypes = useEventTypes();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: (body: Record<string, unknown>) => apiFetch<ReplayJob>("/events/replay", { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: "Replay started: progress below", error: false },
    onSuccess: (job) => setJobId(job.id),
  });
  const job = useQuery({
    queryKey: ["replay-job", jobId],
    queryFn: () => apiFetch<ReplayJob>(`/events/replay/${jobId}`),
    enabled: !!jobId,
    initialData: start.data?.id === jobId ? start.data : undefined,
    refetchInterval: (q) => (finished(q.state.data?.status) ? false : 1_000),
  });
  const err = start.error instanceof ApiError ? start.error : undefined;
  const fieldError = (p: string) => err?.fieldError(p) ?? err?.errors.find((e) => e.path.startsWith(`${p}.`))?.message;
  const j = job.data;
  const pct = j && j.total > 0 ? Math.round((j.processed / j.total) * 100) : j && finished(j.status) ? 100 : 0;

  return (
    <Card title="Replay events">
      <p className="mb-4 text-sm text-slate-600">
        Re-send past events to one endpoint, for example after an outage on your side. Replayed deliveries appear in the delivery log.
      </p>
      <form
        className="grid gap-4 sm:grid-cols-2"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const types = f.getAll("types").map(String).filter(Boolean);
          start.mutate({
            endpointId: String(f.get("endpointId")),
            from: new Date(String(f.get("from"))).toISOString(),
            to: new Date(String(f.get("to"))).toISOString(),
            ...(types.length ? { types } : {}),
          });
        }}
      >
        <Field label="Endpoint" error={fieldError("endpointId")}>
          <Select name="endpointId" required defaultValue="">
            <option value="" disabled>
              Choose an endpoint
            </option>
            {endpoints.data?.data.map((e) => (
              <option key={e.id} value={e.id}>
                {endpointName(e)}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Event types" hint="Optional: leave empty to replay every type the endpoint subscribes to." error={fieldError("types")}>
          <Select name="types" multiple size={4}>
            {eventTypes.data?.data.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="From" error={fieldError("from")}>
          <Input name="from" type="datetime-local" required invalid={!!fieldError("from")} />
        </Field>
        <Field label="To" error={fieldError("to")}>
          <Input name="to" type="datetime-local" required invalid={!!fieldError("to")} />
        </Field>
        {start.isError && !err?.errors.length && (
          <div className="sm:col-span-2">
            <ErrorState error={start.error} />
          </div>
        )}
        <div className="flex justify-end sm:col-span-2">
          <Button type="submit" disabled={!canWrite || start.isPending || (!!j && !finished(j.status))}>
            {start.isPending ? "Starting…" : "Start replay"}
          </Button>
        </div>
      </form>
      {j && (
        <div role="status" className="mt-4 rounded-md border border-slate-200 px-4 py-3 text-sm" data-testid="replay-progress">
          <div className="mb-2 flex items-center justify-between">
            <span>
              Replay <Badge>{j.status}</Badge>
            </span>
            <span className="text-slate-600">
              {j.processed} / {j.total} events
            </span>
          </div>
          <div className="h-2 overflow-hidden rounded-full bg-slate-100">
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
          </div>
        </div>
      )}
      {job.isError && (
        <div className="mt-4">
          <ErrorState error={job.error} onRetry={() => job.refetch()} />
        </div>
      )}
    </Card>
  );
}
