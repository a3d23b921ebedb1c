"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { z } from "zod";
import { useApiForm } from "@/components/forms/use-api-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { Form, FormField } from "@/components/ui/form";
import { safeReturnPath } from "@/lib/http/safe-redirect";

const messages: Record<string, string> = {
  CredentialsSignin: "Email or password is incorrect.",
  SessionRequired: "Sign in to continue.",
};

// Only that both are there: whether they are right is the server's to say, in one message for both.
const Credentials = z.object({ email: z.string().min(1), password: z.string().min(1) });

export function SignInForm({ callbackUrl, initialError }: { callbackUrl?: string; initialError?: string }) {
  const router = useRouter();
  const form = useApiForm(Credentials, { defaultValues: { email: "", password: "" } });
  const { errors, isSubmitting, isSubmitted } = form.formState;
  // The error the page was opened with (?error=) stands until the first try.
  const error = errors.root?.server?.message ?? (initialError && !isSubmitting && !isSubmitted ? (messages[initialError] ?? initialError) : undefined);

  async function onSubmit({ email, password }: z.output<typeof Credentials>) {
    const res = await signIn("credentials", { email, password, redirect: false });
    if (!res || res.error) {
      // Throttling comes back as its own message (lib/auth/auth-options.ts), shown as it is.
      form.setError("root.server", { type: "signin", message: res?.error ? (messages[res.error] ?? res.error) : "Sign-in failed. Try again." });
      return;
    }
    // Checked again here: the prop is only as safe as every caller that passes one.
    router.replace(safeReturnPath(callbackUrl, "/"));
    router.refresh();
  }

  return (
    <Form form={form} onSubmit={onSubmit} className="mt-6 space-y-4">
      {error && (
        <p role="alert" data-testid="form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      )}
      <FormField name="email" label="Email">
        <Input {...form.register("email")} type="email" autoComplete="email" required />
      </FormField>
      <FormField name="password" label="Password">
        <Input {...form.register("password")} type="password" autoComplete="current-password" required />
      </FormField>
      <Button type="submit" className="w-full" disabled={isSubmitting}>
        {isSubmitting ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        New partner?{" "}
        <Link href="/signup" className="font-medium text-brand-700 hover:underline">
          Create an account
        </Link>
      </p>
    </Form>
  );
}
