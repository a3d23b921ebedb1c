"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Controller } from "react-hook-form";
import { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Form, FormErrorState } from "@/components/ui/form";
import { PublishEvent } from "@/lib/events/schemas";
import { EventTargetFields } from "./event-target-fields";
import { EventTypeSelect } from "./event-type-select";
import { JsonDataField, parseEventData } from "./json-data-field";
import { eventKeys } from "./queries";
import type { PublishedEvent } from "./types";

const { type: EventTypeName, accountId: AccountId } = PublishEvent.shape;

/**
 * The publish form's controls, checked field by field with the API's PublishEvent rules (so a missing
 * type and bad JSON show together), then turned into its body: only the target that is chosen is sent.
 */
const PublishForm = z
  .object({
    type: z.string().min(1).pipe(EventTypeName),
    targetKind: z.enum(["none", "partner", "account"]),
    partnerId: z.string(),
    accountId: z.string().trim(),
    data: z.string().transform((text, ctx) => {
      const parsed = parseEventData(text);
      if (parsed.value) return parsed.value;
      ctx.addIssue({ code: "custom", message: parsed.error ?? "Invalid JSON" });
      return z.NEVER;
    }),
  })
  .superRefine(
    (v, ctx) => {
      if (v.targetKind === "partner" && !v.partnerId) ctx.addIssue({ code: "custom", path: ["partnerId"], message: "Choose a partner." });
      if (v.targetKind === "account" && (!v.accountId || !AccountId.safeParse(v.accountId).success)) {
        ctx.addIssue({ code: "custom", path: ["accountId"], message: v.accountId ? "Enter the account's id, a UUID like 3f2c1a9e-…." : "Required." });
      }
    },
    // Also when another field (the JSON) failed: the target's errors show with the rest, not on the next try.
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  )
  .transform(
    ({ type, data, targetKind, partnerId, accountId }): z.output<typeof PublishEvent> => ({
      type,
      data,
      ...(targetKind === "partner" ? { partnerId } : {}),
      ...(targetKind === "account" && accountId ? { accountId } : {}),
    }),
  );

export function PublishEventCard() {
  const qc = useQueryClient();
  const form = useApiForm(PublishForm, { defaultValues: { type: "", targetKind: "none", partnerId: "", accountId: "", data: "{}" } });
  const publish = useMutation({
    mutationFn: (body: z.output<typeof PublishForm>) => apiFetch<PublishedEvent>("/events", { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: (p: PublishedEvent) => `${p.type} published to ${p.deliveries} ${p.deliveries === 1 ? "endpoint" : "endpoints"}`, error: false },
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: eventKeys.list });
      qc.invalidateQueries({ queryKey: eventKeys.stats });
    },
    onError: (e) => applyServerErrors(form, e),
  });

  return (
    <Card title="Publish an event">
      <Form form={form} onSubmit={(body) => publish.mutate(body)} className="grid gap-4">
        <Controller
          control={form.control}
          name="type"
          render={({ field, fieldState }) => (
            <EventTypeSelect
              value={field.value}
              error={fieldState.error?.message}
              selectRef={field.ref}
              onChange={(name, meta) => {
                field.onChange(name);
                form.setValue("data", meta ? JSON.stringify(meta.examplePayload ?? {}, null, 2) : "{}");
                form.clearErrors("data");
                publish.reset();
              }}
            />
          )}
        />
        <EventTargetFields />
        <JsonDataField />
        <FormErrorState error={publish.error} />
        {publish.data && (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="publish-result">
            Published <code className="font-mono text-xs">evt {publish.data.id}</code> to {publish.data.deliveries}{" "}
            {publish.data.deliveries === 1 ? "endpoint" : "endpoints"}.
          </p>
        )}
        <div className="flex justify-end">
          <Button type="submit" disabled={publish.isPending}>
            {publish.isPending ? "Publishing…" : "Publish event"}
          </Button>
        </div>
      </Form>
    </Card>
  );
}
