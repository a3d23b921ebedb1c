"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { ErrorState } from "@/components/ui/states";
import { ReplayRequest } from "@/lib/webhooks/schemas";
import { endpointName } from "./endpoint-row";
import { useAllEndpoints, useEventTypes } from "./queries";
import type { ReplayJob } from "./types";

const finished = (status?: string) => status === "succeeded" || status === "failed" || status === "dead";

/** A `datetime-local` value (local time) as an ISO instant; anything else is left for the schema to refuse. */
const localToIso = (v: string) => {
  const t = v ? new Date(v) : undefined;
  return t && !Number.isNaN(t.getTime()) ? t.toISOString() : v;
};

/** The form's controls, turned into the API's ReplayRequest and checked by it (`from` not after `to` included). */
const ReplayForm = z
  .object({ endpointId: z.string(), types: z.array(z.string()), from: z.string(), to: z.string() })
  .transform(({ endpointId, types, from, to }) => ({
    endpointId,
    from: localToIso(from),
    to: localToIso(to),
    ...(types.length ? { types } : {}),
  }))
  .pipe(ReplayRequest);

export function ReplayPanel({ partnerId, canWrite }: { partnerId: string; canWrite: boolean }) {
  const endpoints = useAllEndpoints(partnerId);
  const eventTypes = useEventTypes();
  const [jobId, setJobId] = useState<string | null>(null);
  const form = useApiForm(ReplayForm, { defaultValues: { endpointId: "", types: [], from: "", to: "" } });
  const start = useMutation({
    mutationFn: (body: z.output<typeof ReplayForm>) => apiFetch<ReplayJob>("/events/replay", { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: "Replay started: progress below", error: false },
    onSuccess: (job) => setJobId(job.id),
    onError: (e) => applyServerErrors(form, e),
  });
  const job = useQuery({
    queryKey: ["replay-job", jobId],
    queryFn: () => apiFetch<ReplayJob>(`/events/replay/${jobId}`),
    enabled: !!jobId,
    initialData: start.data?.id === jobId ? start.data : undefined,
    refetchInterval: (q) => (finished(q.state.data?.status) ? false : 1_000),
  });
  const j = job.data;
  const pct = j && j.total > 0 ? Math.round((j.processed / j.total) * 100) : j && finished(j.status) ? 100 : 0;

  return (
    <Card title="Replay events">
      <p className="mb-4 text-sm text-slate-600">
        Re-send past events to one endpoint, for example after an outage on your side. Replayed deliveries appear in the delivery log.
      </p>
      <Form form={form} onSubmit={(body) => start.mutate(body)} className="grid gap-4 sm:grid-cols-2">
        <FormField name="endpointId" label="Endpoint">
          <Select {...form.register("endpointId")} required>
            <option value="" disabled>
              Choose an endpoint
            </option>
            {endpoints.data?.data.map((e) => (
              <option key={e.id} value={e.id}>
                {endpointName(e)}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField name="types" label="Event types" hint="Optional: leave empty to replay every type the endpoint subscribes to.">
          <Select {...form.register("types")} multiple size={4}>
            {eventTypes.data?.data.map((t) => (
              <option key={t.name} value={t.name}>
                {t.name}
              </option>
            ))}
          </Select>
        </FormField>
        <FormField name="from" label="From">
          <Input {...form.register("from")} type="datetime-local" required />
        </FormField>
        <FormField name="to" label="To">
          <Input {...form.register("to")} type="datetime-local" required />
        </FormField>
        <div className="empty:hidden sm:col-span-2">
          <FormErrorState error={start.error} />
        </div>
        <div className="flex justify-end sm:col-span-2">
          <Button type="submit" disabled={!canWrite || start.isPending || (!!j && !finished(j.status))}>
            {start.isPending ? "Starting…" : "Start replay"}
          </Button>
        </div>
      </Form>
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
