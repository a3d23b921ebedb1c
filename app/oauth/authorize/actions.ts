"use server";

import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { answerAuthorize, authorizeParamsFrom } from "@/lib/oauth/authorization-code";
import { answerInstallConsent } from "@/lib/integrations/install-consent";
import { getViewer } from "@/app/_server/viewer";

/**
 * The consent form's answer. Server actions are Origin-checked by Next (CSRF);
 * the request is validated again here since the hidden fields came from the browser.
 */
export async function answerConsent(formData: FormData): Promise<{ error: string } | undefined> {
  const params = authorizeParamsFrom((name) => {
    const v = formData.get(name);
    return typeof v === "string" ? v : null;
  });
  const viewer = await getViewer();
  if (!viewer) {
    const qs = new URLSearchParams(params as Record<string, string>).toString();
    redirect(`/signin?callbackUrl=${encodeURIComponent(`/oauth/authorize?${qs}`)}`);
  }
  const approve = formData.get("decision") === "authorize";
  const db = await getDb();
  const accountId = formData.get("account_id");
  const result = params.installation
    ? await answerInstallConsent(db, params, viewer.user.id, { approve, accountId: typeof accountId === "string" && accountId ? accountId : null })
    : await answerAuthorize(db, params, { userId: viewer.user.id, accountId: viewer.account?.id ?? null, accountName: viewer.account?.name ?? null }, approve);
  if (result.kind === "error_page") return { error: result.message };
  redirect(result.url);
}
