import type { Db } from "@/db";
import { takeSignupAttempt } from "@/lib/auth/signup-throttle";
import { describeError } from "@/lib/db/errors";
import { DomainError } from "@/lib/errors";
import { zodIssuesToFieldErrors } from "@/lib/http/parse";
import { findUnsafeStrings } from "@/lib/validation/unsafe-strings";
import { SignUp } from "./schemas";
import { signUpPartner } from "./sign-up-partner";

export type SignUpResult = { ok: true } | { ok: false; message: string; fields: Record<string, string> };

const CHECK_FIELDS = "Check the highlighted fields.";

/**
 * The sign-up form's whole answer (app/signup/actions.ts is its thin server
 * action). The answer never says whether the email is registered: a new
 * account and an existing one both get `{ok: true}`, and the throttle spends
 * the same tokens for both. Errors never carry SQL or values.
 */
export async function submitSignUp(openDb: () => Promise<Db>, input: unknown, ctx: { ip: string | null }): Promise<SignUpResult> {
  // NUL or a lone surrogate can never be stored: a field error naming the field, not a 500.
  const unsafe = input && typeof input === "object" ? findUnsafeStrings(input) : [];
  if (unsafe.length) return { ok: false, message: CHECK_FIELDS, fields: Object.fromEntries(unsafe.map((e) => [e.path, e.message])) };
  const parsed = SignUp.safeParse(input);
  if (!parsed.success) {
    return { ok: false, message: CHECK_FIELDS, fields: Object.fromEntries(zodIssuesToFieldErrors(parsed.error.issues).map((e) => [e.path, e.message])) };
  }
  try {
    const gate = await takeSignupAttempt(parsed.data.email, ctx.ip);
    if (!gate.allowed) {
      const minutes = Math.max(1, Math.ceil(gate.retryAfterSeconds / 60));
      return { ok: false, message: `Too many sign-up attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, fields: {} };
    }
    await signUpPartner(await openDb(), parsed.data, { ip: ctx.ip });
    return { ok: true };
  } catch (err) {
    if (err instanceof DomainError) {
      return { ok: false, message: err.message, fields: Object.fromEntries((err.errors ?? []).map((e) => [e.path, e.message])) };
    }
    console.error(`signup: failed: ${describeError(err)}`);
    return { ok: false, message: "Something went wrong on our side. Try again in a moment.", fields: {} };
  }
}
