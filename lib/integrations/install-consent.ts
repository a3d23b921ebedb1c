import type { Db } from "@/db";
import { type AuthorizeParams, createAuthorizationCode, redirectWith, validateAuthorizeRequest, type ValidAuthorizeRequest } from "@/lib/oauth/authorization-code";
import { rememberConsent } from "@/lib/oauth/consent";
import { DomainError } from "@/lib/errors";
import { cancelInstall, completeInstall, findPendingInstall, installableAccounts, type PendingInstall } from "./install";

// The consent page of an install: `/oauth/authorize` with the usual parameters plus
// `installation=<pending integration id>`. Unlike a plain authorization, an install always asks
// (a remembered consent does not skip it), lets the user pick the account, shows the price, and
// its answer completes or cancels the integration.

export type InstallConsent = {
  kind: "install_consent";
  request: ValidAuthorizeRequest;
  install: PendingInstall;
  accounts: { id: string; name: string }[];
};

export type InstallConsentDecision = { kind: "error_page"; message: string } | { kind: "redirect"; url: string } | InstallConsent;

const expired = "This install link has expired or was already used. Start the install again from the app's page in the marketplace.";

export async function decideInstallConsent(db: Db, params: AuthorizeParams, userId: string): Promise<InstallConsentDecision> {
  const check = await validateAuthorizeRequest(db, params);
  if (check.kind !== "ok") return check;
  const install = params.installation ? await findPendingInstall(db, params.installation, check.request.client.id, userId) : null;
  if (!install) return { kind: "error_page", message: expired };
  return { kind: "install_consent", request: check.request, install, accounts: await installableAccounts(db, userId) };
}

/** Authorize → the integration is active in the chosen account and the app gets a code; Deny → it is gone. */
export async function answerInstallConsent(
  db: Db,
  params: AuthorizeParams,
  userId: string,
  answer: { approve: boolean; accountId: string | null },
): Promise<{ kind: "error_page"; message: string } | { kind: "redirect"; url: string }> {
  const check = await validateAuthorizeRequest(db, params);
  if (check.kind !== "ok") return check;
  const { request } = check;
  const install = params.installation ? await findPendingInstall(db, params.installation, request.client.id, userId) : null;
  if (!install) return { kind: "error_page", message: expired };
  if (!answer.approve) {
    await cancelInstall(db, install.id);
    return { kind: "redirect", url: redirectWith(request.redirectUri, { error: "access_denied", error_description: "The user denied the request", state: request.state }) };
  }
  const accountId = answer.accountId ?? install.accountId;
  try {
    await completeInstall(db, install.id, userId, accountId);
  } catch (err) {
    if (err instanceof DomainError && err.status < 500) return { kind: "error_page", message: err.message };
    throw err;
  }
  const user = { userId, accountId };
  await rememberConsent(db, { userId, clientId: request.client.id, accountId }, request.scopes);
  const code = await createAuthorizationCode(db, request, user);
  return { kind: "redirect", url: redirectWith(request.redirectUri, { code, state: request.state }) };
}
