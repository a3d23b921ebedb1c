"use server";

import { getDb } from "@/db";
import { DomainError } from "@/lib/errors";
import { zodIssuesToFieldErrors } from "@/lib/http/parse";
import { SignUp } from "@/lib/partners/schemas";
import { signUpPartner } from "@/lib/partners/sign-up-partner";

export type SignUpResult = { ok: true } | { ok: false; message: string; fields: Record<string, string> };

// Server actions are POST-only and Origin-checked by Next, which makes this form CSRF-safe.
export async function signUpAction(input: unknown): Promise<SignUpResult> {
  const parsed = SignUp.safeParse(input);
  if (!parsed.success) {
    const fields = Object.fromEntries(zodIssuesToFieldErrors(parsed.error.issues).map((e) => [e.path, e.message]));
    return { ok: false, message: "Check the highlighted fields.", fields };
  }
  try {
    await signUpPartner(await getDb(), parsed.data);
    return { ok: true };
  } catch (err) {
    if (err instanceof DomainError) {
      return { ok: false, message: err.message, fields: Object.fromEntries((err.errors ?? []).map((e) => [e.path, e.message])) };
    }
    throw err;
  }
}
