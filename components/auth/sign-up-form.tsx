"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { z } from "zod";
import { signUpAction } from "@/app/signup/actions";
import { applyFieldErrors, useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { Form, FormField } from "@/components/ui/form";
import { SignUp } from "@/lib/partners/schemas";

/** The sign-up controls (a blank website is none), checked by the same SignUp schema the server action parses with. */
const SignUpValues = z
  .object({ name: z.string(), email: z.string(), password: z.string(), partnerName: z.string(), website: z.string() })
  .transform(({ website, ...v }): z.input<typeof SignUp> => ({ ...v, ...(website.trim() ? { website: website.trim() } : {}) }))
  .pipe(SignUp);

export function SignUpForm() {
  const router = useRouter();
  const form = useApiForm(SignUpValues, { defaultValues: { name: "", email: "", password: "", partnerName: "", website: "" } });
  const { errors, isSubmitting } = form.formState;

  async function onSubmit(input: z.output<typeof SignUpValues>) {
    const result = await signUpAction(input);
    if (!result.ok) {
      applyFieldErrors(form, Object.entries(result.fields).map(([path, message]) => ({ path, message })));
      form.setError("root.server", { type: "server", message: result.message });
      return;
    }
    const res = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    if (res?.error) {
      router.push("/signin");
      return;
    }
    router.replace("/dashboard");
    router.refresh();
  }

  return (
    <Form form={form} onSubmit={onSubmit} className="mt-6 space-y-4">
      {errors.root?.server && (
        <p role="alert" data-testid="form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {errors.root.server.message}
        </p>
      )}
      <FormField name="name" label="Your name">
        <Input {...form.register("name")} autoComplete="name" required maxLength={120} />
      </FormField>
      <FormField name="email" label="Work email">
        <Input {...form.register("email")} type="email" autoComplete="email" required />
      </FormField>
      <FormField name="password" label="Password" hint="At least 10 characters.">
        <Input {...form.register("password")} type="password" autoComplete="new-password" required />
      </FormField>
      <FormField name="partnerName" label="Company name">
        <Input {...form.register("partnerName")} autoComplete="organization" required maxLength={120} />
      </FormField>
      <FormField name="website" label="Website (optional)">
        <Input {...form.register("website")} type="url" placeholder="https://" />
      </FormField>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Creating your account…" : "Create partner account"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/signin" className="font-medium text-brand-700 hover:underline">
          Sign in
        </Link>
      </p>
    </Form>
  );
}
