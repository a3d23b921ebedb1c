"use server";

import { headers } from "next/headers";
import { getDb } from "@/db";
import { clientIp } from "@/lib/http/client-ip";
import { submitSignUp, type SignUpResult } from "@/lib/partners/submit-sign-up";

// Server actions are POST-only and Origin-checked by Next, which makes this form CSRF-safe.
export async function signUpAction(input: unknown): Promise<SignUpResult> {
  return submitSignUp(getDb, input, { ip: clientIp(await headers()) });
}
