"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useMemo, type ReactNode } from "react";
import { useFormContext, useWatch, type UseFormRegisterReturn, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { apiFetch } from "@/components/api/api-fetch";
import { applyServerErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { Form, FormErrorState, FormField, useFieldError } from "@/components/ui/form";
import type { ListingPage } from "@/lib/marketplace/schemas";
import {
  changedFields,
  createListingForm,
  emptyListingForm,
  listingFormValues,
  TAGLINE_MAX,
  UpdateListingForm,
  type ListingFormValues,
} from "./listing-form-model";
import { ListingPreview, type PreviewContext } from "./listing-preview";
import { PricingField } from "./pricing-field";
import { alignScreenshotRows, ScreenshotsField } from "./screenshots-field";
import { TagsField } from "./tags-field";

export type CategoryOption = { slug: string; name: string };

type Common = {
  partner: { name: string; slug: string };
  categories: readonly CategoryOption[];
};

/** The form for a new listing of one app: POST /marketplace/listings, then on to the listing's own page. */
export function CreateListingForm({ app, partner, categories }: Common & { app: { id: string; name: string; slug: string } }) {
  const router = useRouter();
  const schema = useMemo(() => createListingForm(app.id), [app.id]);
  const form = useApiForm(schema, { defaultValues: emptyListingForm });
  const create = useMutation({
    mutationFn: (body: z.output<typeof schema>) => apiFetch<ListingPage>("/marketplace/listings", { body, idempotencyKey: crypto.randomUUID() }),
    meta: { success: (l: ListingPage) => `Listing for “${l.name}” created`, error: false },
    onSuccess: (l) => router.push(`/listings/${l.slug}`),
    onError: (e) => applyServerErrors(form, e),
  });
  return (
    <ListingEditor
      form={form}
      onSubmit={(body) => {
        alignScreenshotRows(form, body.screenshots);
        create.mutate(body);
      }}
      error={create.error}
      context={{ slug: app.slug, name: app.name, partner, categoryNames: namesOf(categories) }}
      categories={categories}
      label={`New listing for ${app.name}`}
      actions={
        <>
          <Link href="/listings" className="rounded-md px-3.5 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
            Cancel
          </Link>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create listing"}
          </Button>
        </>
      }
    />
  );
}

/** The form of an existing listing: PATCH /marketplace/listings/{slug}; read-only without write:marketplace. */
export function EditListingForm({ listing, categories, canWrite }: Omit<Common, "partner"> & { listing: ListingPage; canWrite: boolean }) {
  const router = useRouter();
  const form = useApiForm(UpdateListingForm, { defaultValues: listingFormValues(listing) });
  const save = useMutation({
    mutationFn: (body: Partial<z.output<typeof UpdateListingForm>>) => apiFetch<ListingPage>(`/marketplace/listings/${listing.slug}`, { method: "PATCH", body }),
    meta: { success: "Listing saved", error: false },
    onSuccess: (saved) => {
      // The form starts again from what the API stored (tags lower-cased, blanks dropped); the page's header follows.
      form.reset(listingFormValues(saved));
      router.refresh();
    },
    onError: (e) => applyServerErrors(form, e),
  });
  return (
    <ListingEditor
      form={form}
      onSubmit={(body) => {
        // Only what the partner changed: a save never rewrites a field someone else changed meanwhile, and the
        // logo the API shows (the listing's own, else the app's) is not copied into the listing unless edited.
        const changed = changedFields(form.getValues(), form.formState.defaultValues as ListingFormValues);
        alignScreenshotRows(form, body.screenshots ?? []);
        save.mutate(Object.fromEntries(Object.entries(body).filter(([k]) => changed.includes(k as keyof ListingFormValues))));
      }}
      error={save.error}
      readOnly={!canWrite}
      context={{
        slug: listing.slug,
        name: listing.name,
        partner: listing.partner,
        categoryNames: namesOf(categories),
        rating: listing.rating,
        installCount: listing.installCount,
        featured: listing.featured,
        publishedAt: listing.publishedAt,
      }}
      categories={categories}
      label="Listing details"
      actions={
        canWrite && (
          <>
            <Button variant="secondary" onClick={() => form.reset()} disabled={!form.formState.isDirty || save.isPending}>
              Discard changes
            </Button>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save listing"}
            </Button>
          </>
        )
      }
    />
  );
}

const namesOf = (categories: readonly CategoryOption[]) => Object.fromEntries(categories.map((c) => [c.slug, c.name]));

function ListingEditor<T>({
  form,
  onSubmit,
  error,
  context,
  categories,
  label,
  actions,
  readOnly = false,
}: {
  form: UseFormReturn<ListingFormValues, unknown, T>;
  onSubmit: (body: T) => void;
  error: unknown;
  context: PreviewContext;
  categories: readonly CategoryOption[];
  label: string;
  actions: ReactNode;
  readOnly?: boolean;
}) {
  return (
    <Form form={form} onSubmit={onSubmit} aria-label={label} className="grid items-start gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)] xl:grid-cols-[minmax(0,1fr)_minmax(0,25rem)] 2xl:grid-cols-[minmax(0,1fr)_minmax(0,28rem)]">
      <Card title="Listing details">
        {readOnly && <p className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">Your role can view this listing but not change it.</p>}
        <fieldset disabled={readOnly} className="grid min-w-0 gap-5">
          <legend className="sr-only">{label}</legend>
          {/* Each field registers in the order it is shown: a failed submit focuses the first invalid one from the top. */}
          <TaglineField registration={form.register("tagline")} />
          <FormField
            name="description"
            label="Description"
            hint="Markdown: # headings, **bold**, _italic_, lists, `code` and [links](https://…). No HTML; links open in a new tab."
          >
            <Textarea {...form.register("description")} rows={12} maxLength={20_000} className="leading-relaxed" />
          </FormField>
          <div className="grid gap-5 sm:grid-cols-2">
            <FormField name="category" label="Category" hint="Where customers browsing by category find the app.">
              <Select {...form.register("category")}>
                <option value="">Choose a category</option>
                {categories.map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {c.name}
                  </option>
                ))}
              </Select>
            </FormField>
            <FormField name="logoUrl" label="Logo URL" hint="A square image over https, 256 × 256 or larger. Blank uses the app's logo, or your initials.">
              <Input {...form.register("logoUrl")} type="url" inputMode="url" placeholder="https://example.com/logo.png" autoComplete="off" />
            </FormField>
          </div>
          <TagsField />
          <ScreenshotsField />
          <PricingField />
        </fieldset>
        <div className="mt-5">
          <FormErrorState error={error} />
        </div>
        {actions && <div className="mt-6 flex flex-wrap justify-end gap-2 border-t border-slate-200 pt-4">{actions}</div>}
      </Card>
      <aside aria-label="Live preview" className="min-w-0 lg:sticky lg:top-4">
        <Card title="Live preview">
          <p className="mb-4 text-xs text-slate-600">Updates as you type. Customers see it once you save and the listing is public.</p>
          <LivePreview context={context} />
        </Card>
      </aside>
    </Form>
  );
}

function LivePreview({ context }: { context: PreviewContext }) {
  const { control } = useFormContext<ListingFormValues>();
  const values = useWatch({ control }) as ListingFormValues;
  return <ListingPreview values={values} context={context} />;
}

/** The tagline with its characters counted against the limit, inside the box. */
function TaglineField({ registration }: { registration: UseFormRegisterReturn<"tagline"> }) {
  const id = useId();
  const { control } = useFormContext<ListingFormValues>();
  const tagline = useWatch({ control, name: "tagline" });
  const used = tagline.trim().length;
  const over = used > TAGLINE_MAX;
  return (
    <Field label="Tagline" error={useFieldError("tagline")} hint="One line under the app's name, on cards and on the listing page.">
      <div className="relative">
        <Input {...registration} aria-describedby={`${id}-count`} autoComplete="off" className="pr-16" />
        <span
          id={`${id}-count`}
          data-testid="tagline-count"
          className={`pointer-events-none absolute inset-y-0 right-3 flex items-center text-xs tabular-nums ${over ? "font-semibold text-red-700" : "text-slate-600"}`}
        >
          {used}/{TAGLINE_MAX}
          <span className="sr-only"> characters</span>
        </span>
      </div>
    </Field>
  );
}
