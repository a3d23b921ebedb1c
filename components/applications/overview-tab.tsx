"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { useWatch } from "react-hook-form";
import { apiFetch, type FieldError } from "@/components/api/api-fetch";
import { applyFieldErrors, applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { alignRows } from "@/components/oauth-clients/redirect-uris-editor";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Textarea } from "@/components/ui/field";
import { Form, FormErrorState, FormField } from "@/components/ui/form";
import { AccessFields, BasicsFields, EndpointsFields } from "./app-fields";
import { failedChecksOf } from "./failed-checks-panel";
import { appFormValues, changesVersionedFields, editAppForm, type EditAppFormValues } from "./app-form";
import { AppStatusBadge, pendingVersion } from "./status";
import type { Application, ApplicationVersion } from "./types";

/** What may be edited now: before the first publish only a draft or rejected app; once published, the cosmetic fields always and the versioned ones unless a newer version is in review. */
export function editability(app: Application): { cosmetic: boolean; versioned: boolean; why?: string } {
  if (app.status === "deprecated") return { cosmetic: false, versioned: false, why: "A deprecated app can no longer be changed." };
  if (!app.liveVersion) {
    if (app.status === "draft" || app.status === "rejected") return { cosmetic: true, versioned: true };
    return { cosmetic: false, versioned: false, why: "The app is with the reviewers: you can edit it again once they approve or reject it." };
  }
  const pending = pendingVersion(app);
  if (pending && !["draft", "rejected"].includes(pending.status)) {
    return {
      cosmetic: true,
      versioned: false,
      why: `Version ${pending.version} is ${pending.status.replace("_", " ")}: its scopes, redirect URIs and endpoints can change again once it is reviewed.`,
    };
  }
  return { cosmetic: true, versioned: true };
}

type DetailsProps = {
  app: Application;
  canWrite: boolean;
  allowedScopes: readonly string[];
  tier: string;
  /** The failed checks of the last submit, to show on the fields they are about. */
  checkErrors: readonly FieldError[];
  onSaved: () => void;
};

export function OverviewTab({ app, canWrite, allowedScopes, tier, checkErrors, onSaved }: DetailsProps) {
  return (
    <div className="grid gap-6">
      <VersionSummary app={app} />
      <DetailsForm
        // A new server state (another step, another tab's save) starts the form again from it.
        key={`${app.updatedAt}-${app.currentVersion.id}`}
        app={app}
        canWrite={canWrite}
        allowedScopes={allowedScopes}
        tier={tier}
        checkErrors={checkErrors}
        onSaved={onSaved}
      />
    </div>
  );
}

function VersionSummary({ app }: { app: Application }) {
  const pending = pendingVersion(app);
  const live = app.liveVersion;
  return (
    <Card title="Versions">
      <div className="grid gap-4 sm:grid-cols-2">
        <VersionBox title="Live" version={live} empty="Nothing is live yet: the app goes live when you publish it after approval." />
        <VersionBox
          title={live ? "Pending" : "Current"}
          version={pending ?? (live ? null : app.currentVersion)}
          empty="No change waiting. Changing scopes, redirect URIs or endpoints opens a new version."
        />
      </div>
    </Card>
  );
}

function VersionBox({ title, version, empty }: { title: string; version: ApplicationVersion | null; empty: string }) {
  return (
    <div className="min-w-0 rounded-md px-3 py-2 ring-1 ring-inset ring-slate-200">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-600">{title}</p>
      {version ? (
        <>
          <p className="mt-1 flex flex-wrap items-center gap-2">
            <span className="font-mono text-sm font-semibold text-slate-900">{version.version}</span>
            <AppStatusBadge status={version.status} />
          </p>
          <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs [&>dd]:min-w-0 [&>dd]:break-words [&>dt]:text-slate-600">
            <dt>Scopes</dt>
            <dd className="font-mono text-slate-800">{version.requestedScopes.join(", ") || "—"}</dd>
            <dt>Redirect URIs</dt>
            <dd className="font-mono text-slate-800">{version.redirectUris.join(", ") || "—"}</dd>
            <dt>Webhook</dt>
            <dd className="font-mono text-slate-800">{version.webhookUrl ?? "—"}</dd>
            <dt>Health check</dt>
            <dd className="font-mono text-slate-800">{version.healthCheckUrl ?? "—"}</dd>
            {version.changelog && (
              <>
                <dt>Changelog</dt>
                <dd className="whitespace-pre-wrap text-slate-800">{version.changelog}</dd>
              </>
            )}
          </dl>
        </>
      ) : (
        <p className="mt-1 text-sm text-slate-600">{empty}</p>
      )}
    </div>
  );
}

function DetailsForm({ app, canWrite, allowedScopes, tier, checkErrors, onSaved }: DetailsProps) {
  const schema = useMemo(() => editAppForm(app), [app]);
  const form = useApiForm(schema, { defaultValues: appFormValues(app) });
  const edit = editability(app);
  const values = useWatch({ control: form.control }) as EditAppFormValues;
  const versioning = !!app.liveVersion && edit.versioned && changesVersionedFields(values, app);

  useEffect(() => {
    // Shown on the fields they are about (without taking focus: the partner may be reading the panel).
    // The field says what to change; the check's id stays in the panel ("privacy_policy_url: Add a …" → "Add a …").
    const messages = failedChecksOf(checkErrors).map((c) => ({ path: c.field, message: c.message }));
    if (messages.length) applyFieldErrors({ ...form, setFocus: () => {} }, messages);
  }, [checkErrors, form]);

  const save = useMutation({
    mutationFn: (body: object) => apiFetch<Application>(`/applications/${app.id}`, { method: "PATCH", body }),
    meta: {
      success: (a: Application) =>
        a.currentVersion.id !== app.currentVersion.id ? `Saved: version ${a.currentVersion.version} opened as a draft` : `“${a.name}” saved`,
      error: false,
    },
    onSuccess: onSaved,
    onError: (e) => applyServerErrors(form, e),
  });

  const readOnly = !canWrite || (!edit.cosmetic && !edit.versioned);
  return (
    <Card title="Details">
      <Form
        form={form}
        onSubmit={(body) => {
          if ("redirectUris" in body && body.redirectUris) alignRows(form, body.redirectUris);
          save.mutate(body);
        }}
        className="grid gap-6"
        aria-label="App details"
      >
        {!canWrite ? (
          <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">Your role can view this app but not change it.</p>
        ) : (
          edit.why && <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">{edit.why}</p>
        )}
        {app.liveVersion && canWrite && edit.cosmetic && (
          <p className="text-sm text-slate-600">
            The name, description, category and the website, logo, privacy policy and support details apply at once. Scopes, redirect URIs and the
            webhook and health-check URLs open a new version that goes through review; version {app.liveVersion.version} keeps serving installs until
            you publish it.
          </p>
        )}
        <fieldset disabled={readOnly || !edit.cosmetic} className="grid gap-4 disabled:opacity-80">
          <legend className="mb-2 text-sm font-semibold text-slate-900">Basics</legend>
          <BasicsFields />
        </fieldset>
        <fieldset disabled={readOnly || !edit.versioned} className="grid gap-4 disabled:opacity-80">
          <legend className="mb-2 text-sm font-semibold text-slate-900">Access{app.liveVersion ? " (versioned)" : ""}</legend>
          <AccessFields allowedScopes={allowedScopes} tier={tier} />
        </fieldset>
        <fieldset disabled={readOnly || !edit.versioned} className="grid gap-4 disabled:opacity-80">
          <legend className="mb-2 text-sm font-semibold text-slate-900">Endpoints{app.liveVersion ? " (versioned)" : ""}</legend>
          <EndpointsFields />
        </fieldset>
        {versioning && (
          <fieldset className="grid gap-4 rounded-md bg-brand-50 px-3 py-3 ring-1 ring-inset ring-brand-500/40">
            <legend className="sr-only">New version</legend>
            <p className="text-sm text-slate-800">
              These changes open version {values.version || "…"} for review. Version {app.liveVersion!.version} stays live until you publish the new
              one.
            </p>
            <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
              <FormField name="version" label="New version" hint={`Higher than ${app.liveVersion!.version}.`}>
                <Input {...form.register("version")} className="font-mono" autoComplete="off" />
              </FormField>
              <FormField name="changelog" label="Changelog" hint="What changed, for the reviewer and installers.">
                <Textarea {...form.register("changelog")} rows={3} maxLength={5000} />
              </FormField>
            </div>
          </fieldset>
        )}
        <FormErrorState error={save.error} />
        {!readOnly && (
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" onClick={() => form.reset(appFormValues(app))} disabled={!form.formState.isDirty || save.isPending}>
              Discard changes
            </Button>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : versioning ? "Save as new version" : "Save changes"}
            </Button>
          </div>
        )}
      </Form>
    </Card>
  );
}
