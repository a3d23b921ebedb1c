"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { signUpAction } from "@/app/signup/actions";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

export function SignUpForm() {
  const router = useRouter();
  const [message, setMessage] = useState<string>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      partnerName: String(form.get("partnerName") ?? ""),
      website: String(form.get("website") ?? "") || undefined,
    };
    setBusy(true);
    setMessage(undefined);
    const result = await signUpAction(input);
    if (!result.ok) {
      setBusy(false);
      setMessage(result.message);
      setFields(result.fields);
      return;
    }
    const res = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
    setBusy(false);
    if (res?.error) {
      router.push("/signin");
      return;
    }
    router.replace("/dashboard");
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      {message && (
        <p role="alert" data-testid="form-error" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {message}
        </p>
      )}
      <Field label="Your name" error={fields.name}>
        <Input name="name" autoComplete="name" required invalid={!!fields.name} />
      </Field>
      <Field label="Work email" error={fields.email}>
        <Input name="email" type="email" autoComplete="email" required invalid={!!fields.email} />
      </Field>
      <Field label="Password" error={fields.password} hint="At least 10 characters.">
        <Input name="password" type="password" autoComplete="new-password" required invalid={!!fields.password} />
      </Field>
      <Field label="Company name" error={fields.partnerName}>
        <Input name="partnerName" autoComplete="organization" required invalid={!!fields.partnerName} />
      </Field>
      <Field label="Website (optional)" error={fields.website}>
        <Input name="website" type="url" placeholder="https://" invalid={!!fields.website} />
      </Field>
      <Button type="submit" className="w-full" disabled={busy}>
        {busy ? "Creating your account…" : "Create partner account"}
      </Button>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/signin" className="font-medium text-brand-700 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
