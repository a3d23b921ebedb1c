"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Check } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { flushSync } from "react-dom";
import { FormProvider } from "react-hook-form";
import type { z } from "zod";
import { apiFetch, ApiError } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { alignRows } from "@/components/oauth-clients/redirect-uris-editor";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormErrorState } from "@/components/ui/form";
import { AccessFields, BasicsFields, EndpointsFields } from "./app-fields";
import { CreateAppForm, emptyAppForm, stepFields, stepOfField } from "./app-form";
import type { Application } from "./types";

const steps = [
  { title: "Basics", detail: "Name, description and where customers find out more." },
  { title: "Access", detail: "What the app may do in a customer's account, and where it sends them back after they authorize it." },
  { title: "Endpoints", detail: "Where Portico reaches the app." },
  { title: "Listing details", detail: "How the app appears in the marketplace." },
] as const;
const last = steps.length - 1;

export function CreateAppWizard({ allowedScopes, tier }: { allowedScopes: readonly string[]; tier: string }) {
  const router = useRouter();
  const qc = useQueryClient();
  const [step, setStep] = useState(0);
  const heading = useRef<HTMLHeadingElement>(null);
  const form = useApiForm(CreateAppForm, { defaultValues: emptyAppForm });

  const go = (to: number) => {
    flushSync(() => setStep(to));
    // The new step's heading takes focus, so a screen reader announces where the partner is.
    heading.current?.focus();
  };

  const create = useMutation({
    mutationFn: (body: z.output<typeof CreateAppForm>) => apiFetch<Application>("/applications", { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: (a: Application) => `App “${a.name}” created as a draft`, error: false },
    onSuccess: (a) => {
      void qc.invalidateQueries({ queryKey: ["applications"] });
      router.push(`/apps/${a.id}`);
    },
    onError: (e) => {
      // The server's field errors send the partner back to the first step that holds one, then land on their fields.
      const paths = e instanceof ApiError ? e.errors.map((x) => x.path.split(".")[0]) : [];
      const target = Math.min(...paths.map((p) => stepOfField[p] ?? last), last);
      if (target !== step) flushSync(() => setStep(target));
      applyServerErrors(form, e);
    },
  });

  const next = async () => {
    const ok = await form.trigger(stepFields[step], { shouldFocus: true });
    if (ok) go(step + 1);
  };

  const submit = form.handleSubmit((body) => {
    alignRows(form, body.redirectUris);
    create.mutate(body);
  });

  return (
    <div className="grid gap-6">
      <nav aria-label="Steps">
        <ol className="grid grid-cols-2 gap-2 sm:grid-cols-4">
          {steps.map((s, i) => {
            const state = i < step ? "done" : i === step ? "current" : "todo";
            return (
              <li
                key={s.title}
                aria-current={state === "current" ? "step" : undefined}
                className={`flex min-w-0 items-center gap-2 rounded-md px-3 py-2 text-sm ring-1 ring-inset ${
                  state === "current" ? "bg-brand-50 font-medium text-brand-700 ring-brand-500" : "bg-white text-slate-700 ring-slate-200"
                }`}
              >
                <span
                  aria-hidden
                  className={`flex size-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${
                    state === "todo" ? "bg-slate-100 text-slate-700" : "bg-brand-600 text-white"
                  }`}
                >
                  {state === "done" ? <Check className="size-3.5" /> : i + 1}
                </span>
                <span className="truncate">
                  <span className="sr-only">Step {i + 1}: </span>
                  {s.title}
                  {state === "done" && <span className="sr-only"> (done)</span>}
                </span>
              </li>
            );
          })}
        </ol>
      </nav>
      <FormProvider {...form}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            // Enter in a field moves on a step; only the last step creates the app.
            if (step < last) void next();
            else void submit(e);
          }}
        >
          <Card
            title={
              <span ref={heading} tabIndex={-1} className="outline-none">
                Step {step + 1} of {steps.length}: {steps[step].title}
              </span>
            }
          >
            <p className="mb-4 text-sm text-slate-600">{steps[step].detail}</p>
            {step === 0 && <BasicsFields />}
            {step === 1 && <AccessFields allowedScopes={allowedScopes} tier={tier} />}
            {step === 2 && <EndpointsFields />}
            {step === 3 && (
              <div className="rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center">
                <p className="text-sm font-semibold text-slate-900">Marketplace listing details come with the marketplace</p>
                <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
                  Screenshots, pricing and the listing text are added on the listing once the marketplace opens. For now, create the app as a draft,
                  submit it for review and publish it.
                </p>
              </div>
            )}
            <div className="mt-4">
              <FormErrorState error={create.error} />
            </div>
            <div className="mt-6 flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 pt-4">
              {step === 0 ? (
                <Link href="/apps" className="rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
                  Cancel
                </Link>
              ) : (
                <Button variant="secondary" onClick={() => go(step - 1)}>
                  Back
                </Button>
              )}
              {/* Keyed apart: clicking Next on the step before the last must not turn the clicked element into the submit button. */}
              {step < last ? (
                <Button key="next" onClick={() => void next()}>
                  Next
                </Button>
              ) : (
                <Button key="create" type="submit" disabled={create.isPending}>
                  {create.isPending ? "Creating…" : "Create app"}
                </Button>
              )}
            </div>
          </Card>
        </form>
      </FormProvider>
    </div>
  );
}
