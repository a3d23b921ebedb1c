"use client";

import { useMutation } from "@tanstack/react-query";
import { CornerDownRight } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { flushSync } from "react-dom";
import { FormProvider, useFieldArray, useFormState, useWatch, type FieldError, type FieldErrors, } from "react-hook-form";
import { ApiError, apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { asSentence } from "@/components/forms/error-map";
import { FormErrorState, FormField } from "@/components/ui/form";
import type { PartnerTier } from "@/lib/partners/schemas";
import { CreateTicketInput, ticketCategories, ticketPriorities, type Ticket, type TicketCategory, type TicketLinkType } from "@/lib/support/schemas";
import { categoryLabel, formatHours, priorityPromise, slaFor, ticketNumber } from "./format";
import { LinkPicker, type PickedLink } from "./link-picker";
import { FormMessageEditor, type EditorTab } from "./message-editor";
import { useLinkable, useRefreshSupport } from "./queries";

// Opening a ticket: subject, category, priority (each option says what it buys), the message in
// Markdown with a preview, and objects to attach. Other pages prefill it through the URL:
// ?category=account (the suspended banner), ?link=delivery:<id> ("Get help with this delivery"),
// ?followUp=<id> (a closed ticket's "Open a new ticket referencing it").

export type NewTicketPrefill = {
  category: TicketCategory | null;
  link: { type: TicketLinkType; id: string } | null;
};

/** The ticket a follow-up was asked for (?followUp=): found and closed, still open (reply there instead), or not the requester's. */
export type FollowUp = { ticket: Ticket } | { openTicket: Ticket } | { missing: true } | null;

type Requester = { kind: "partner" | "customer"; tier: PartnerTier | null };

/** Customers do not submit apps for review; every other category is everyone's. */
const categoriesFor = (r: Requester) => ticketCategories.filter((c) => r.kind === "partner" || c !== "app_review");

export function NewTicketForm({ requester, linkTypes, prefill, followUp }: { requester: Requester; linkTypes: TicketLinkType[]; prefill: NewTicketPrefill; followUp: FollowUp }) {
  // A follow-up starts from the closed ticket it follows: its number in the subject, its category and links.
  const original = followUp && "ticket" in followUp ? followUp.ticket : null;
  return (
    <>
      {followUp && "openTicket" in followUp && (
        <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {ticketNumber(followUp.openTicket.number)} is not closed: you can still{" "}
          <Link href={`/support/${followUp.openTicket.id}`} className="font-medium underline underline-offset-2">
            reply on it
          </Link>{" "}
          instead. A new ticket here is opened on its own.
        </p>
      )}
      {followUp && "missing" in followUp && (
        <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          The ticket to follow up is not one of yours, or no longer exists. This one is opened on its own.
        </p>
      )}
      <TicketForm requester={requester} linkTypes={linkTypes} prefill={prefill} original={original} />
    </>
  );
}

function TicketForm({ requester, linkTypes, prefill, original }: { requester: Requester; linkTypes: TicketLinkType[]; prefill: NewTicketPrefill; original: Ticket | null }) {
  const router = useRouter();
  const refresh = useRefreshSupport();
  const categories = categoriesFor(requester);
  const defaultCategory: TicketCategory =
    (prefill.category && categories.includes(prefill.category) ? prefill.category : null) ??
    original?.category ??
    (requester.kind === "customer" ? "integration" : "technical");
  const carried: PickedLink[] = (original?.links ?? [])
    .filter((l) => l.context && linkTypes.includes(l.type))
    .map((l) => ({ type: l.type, id: l.id, label: l.context!.label }));
  // The ?link= prefill, when it is a kind this requester may attach (and not carried over already).
  const asked = prefill.link && linkTypes.includes(prefill.link.type) && !carried.some((l) => l.type === prefill.link!.type && l.id === prefill.link!.id) ? prefill.link : null;
  const form = useApiForm(CreateTicketInput, {
    defaultValues: {
      subject: original ? `Follow-up to ${ticketNumber(original.number)}` : "",
      body: "",
      priority: original?.priority ?? "normal",
      category: defaultCategory,
      links: [...carried.map(({ type, id }) => ({ type, id })), ...(asked ? [asked] : [])],
      ...(original ? { followUpOf: original.id } : {}),
    },
  });
  const links = useFieldArray({ control: form.control, name: "links" });
  // Labels for the chips: the form's values are the API's ({type, id}); what a person reads lives beside them.
  const [labels, setLabels] = useState<Record<string, string>>(() => Object.fromEntries(carried.map((l) => [`${l.type}:${l.id}`, l.label])));
  const [tab, setTab] = useState<EditorTab>("write");
  const priority = useWatch({ control: form.control, name: "priority" }) ?? "normal";
  const linkValues = useWatch({ control: form.control, name: "links" });
  const prefillLabel = usePrefillLabel(asked);

  const create = useMutation({
    mutationFn: (input: CreateTicketInput) => apiFetch<Ticket>("/support/tickets", { body: input }),
    meta: { success: (t: Ticket) => `Ticket ${ticketNumber(t.number)} opened`, error: false },
    onSuccess: (t) => {
      void refresh();
      router.push(`/support/${t.id}`);
    },
    onError: (err) => {
      // A message error is shown on Write, where the box to fix it is (and can take focus).
      if (err instanceof ApiError && err.errors.some((e) => e.path === "body")) flushSync(() => setTab("write"));
      applyServerErrors(form, err);
    },
  });

  const onInvalid = (errors: FieldErrors<CreateTicketInput>) => {
    // The browser focused the first invalid field; a message hidden behind Preview is shown and focused instead.
    if (errors.body && !errors.subject) {
      flushSync(() => setTab("write"));
      form.setFocus("body");
    }
  };

  const sla = slaFor(priority, requester.tier);
  const labelOf = (type: TicketLinkType, id: string) =>
    labels[`${type}:${id}`] ?? (asked?.type === type && asked.id === id ? prefillLabel : undefined) ?? id.slice(0, 8);
  // The values, not `links.fields`: a field array's `id` is its own row key, not the object's id.
  const picked = (linkValues ?? []).map((l) => ({ type: l.type, id: l.id, label: labelOf(l.type, l.id) }));

  return (
    <FormProvider {...form}>
      <form noValidate aria-label="New ticket" onSubmit={(e) => void form.handleSubmit((input) => create.mutate(input), onInvalid)(e)} className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <Card>
          <div className="grid grid-cols-[minmax(0,1fr)] gap-5">
            {original && (
              <p className="flex items-start gap-2 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800" data-testid="follow-up-of">
                <CornerDownRight aria-hidden className="mt-0.5 size-4 shrink-0" />
                <span>
                  Following up{" "}
                  <Link href={`/support/${original.id}`} className="font-medium text-brand-700 underline underline-offset-2">
                    {ticketNumber(original.number)} {original.subject}
                  </Link>
                  . The team sees both tickets together.
                </span>
              </p>
            )}
            <FormField name="subject" label="Subject">
              <Input {...form.register("subject")} maxLength={200} autoComplete="off" placeholder="e.g. Deliveries to our endpoint fail with 500" />
            </FormField>
            <div className="grid gap-5 sm:grid-cols-2">
              <FormField name="category" label="Category">
                <Select {...form.register("category")}>
                  {categories.map((c) => (
                    <option key={c} value={c}>
                      {categoryLabel[c]}
                    </option>
                  ))}
                </Select>
              </FormField>
              <FormField
                name="priority"
                label="Priority"
                hint={`After that, a reply within ${formatHours(sla.next)} of each of your messages.${requester.tier === "enterprise" ? " Enterprise times: half the standard." : ""}`}
              >
                <Select {...form.register("priority")}>
                  {[...ticketPriorities].reverse().map((p) => (
                    <option key={p} value={p}>
                      {priorityPromise(p, requester.tier)}
                    </option>
                  ))}
                </Select>
              </FormField>
            </div>
            <FormMessageEditor label="Message" tab={tab} onTabChange={setTab} rows={10} placeholder="What happened, what you expected, and anything you already tried." />
            <LinksField
              types={linkTypes}
              picked={picked}
              onPick={(l) => {
                setLabels((m) => ({ ...m, [`${l.type}:${l.id}`]: l.label }));
                links.append({ type: l.type, id: l.id });
              }}
              onRemove={(i) => links.remove(i)}
            />
            <FormErrorState error={create.error} />
            <div className="flex flex-wrap justify-end gap-2">
              <Link href="/support" className="inline-flex items-center rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
                Cancel
              </Link>
              <Button type="submit" disabled={create.isPending}>
                {create.isPending ? "Opening…" : "Open ticket"}
              </Button>
            </div>
          </div>
        </Card>
        <aside aria-label="What happens next" className="text-sm text-slate-700">
          <Card title="What happens next" titleAs="h2">
            <ul className="grid list-disc gap-2 pl-4">
              <li>
                The Portico team replies within <span className="font-medium">{formatHours(sla.first)}</span> ({priority} priority), here and by mail.
              </li>
              <li>When we ask you something, the ticket waits on you; your reply brings it back to us.</li>
              <li>Resolved tickets close by themselves after 4 days. Reply before then if it is not fixed.</li>
            </ul>
          </Card>
        </aside>
      </form>
    </FormProvider>
  );
}

/** The picker as a form field: the list's errors, and each link's own, from the schema or the API. */
function LinksField(props: { types: TicketLinkType[]; picked: PickedLink[]; onPick: (l: PickedLink) => void; onRemove: (i: number) => void }) {
  const { errors } = useFormState<CreateTicketInput>({ name: "links" });
  if (props.types.length === 0) return null;
  const list = errors.links as (FieldError & { root?: FieldError } & Record<number, FieldError | undefined>) | undefined;
  const message = list?.message ?? list?.root?.message;
  const chipErrors = Object.fromEntries(props.picked.map((_, i) => [i, list?.[i]?.message && asSentence(list[i]!.message!)]));
  return <LinkPicker {...props} error={message ? asSentence(message) : undefined} chipErrors={chipErrors} />;
}

/** What a link passed in the URL is called, from the requester's own objects of its kind. */
function usePrefillLabel(link: { type: TicketLinkType; id: string } | null): string | undefined {
  const list = useLinkable(link?.type ?? null, "");
  return link ? list.data?.data.find((l) => l.id === link.id)?.label : undefined;
}
