import { redirect } from "next/navigation";
import { AuthorizeError, ConsentCard } from "@/components/oauth-consent/consent-card";
import { getDb } from "@/db";
import { authorizeParamsFrom, decideAuthorize, type AuthorizeParams } from "@/lib/oauth/authorization-code";
import { describeScope } from "@/lib/oauth/consent";
import { decideInstallConsent } from "@/lib/integrations/install-consent";
import { getViewer } from "@/app/_server/viewer";
import { answerConsent } from "./actions";

export const dynamic = "force-dynamic";
export const metadata = { title: "Authorize application" };

type Search = Record<string, string | string[] | undefined>;

function signInRedirect(params: AuthorizeParams): never {
  const qs = new URLSearchParams(params as Record<string, string>).toString();
  redirect(`/signin?callbackUrl=${encodeURIComponent(`/oauth/authorize?${qs}`)}`);
}

export default async function AuthorizePage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  // A repeated parameter is invalid (RFC 6749 §3.1): treat it as missing.
  const params = authorizeParamsFrom((name) => {
    const v = search[name];
    return typeof v === "string" ? v : null;
  });
  const viewer = await getViewer();
  const db = await getDb();
  const scopesOf = (scopes: string[]) => scopes.map((scope) => ({ scope, label: describeScope(scope) }));

  if (params.installation) {
    if (!viewer) signInRedirect(params);
    const decision = await decideInstallConsent(db, params, viewer.user.id);
    if (decision.kind === "redirect") redirect(decision.url);
    return (
      <main className="mx-auto max-w-lg px-4 py-12">
        {decision.kind === "error_page" ? (
          <AuthorizeError message={decision.message} />
        ) : (
          <ConsentCard
            install
            clientName={decision.request.client.name}
            partnerName={decision.request.client.partnerName}
            accountName={decision.install.accountName}
            accounts={decision.accounts}
            accountId={decision.install.accountId}
            pricing={decision.install.pricing}
            scopes={scopesOf(decision.request.scopes)}
            params={params as Record<string, string>}
            action={answerConsent}
          />
        )}
      </main>
    );
  }

  const decision = await decideAuthorize(
    db,
    params,
    viewer ? { userId: viewer.user.id, accountId: viewer.account?.id ?? null, accountName: viewer.account?.name ?? null } : null,
  );
  if (decision.kind === "signin") signInRedirect(params);
  if (decision.kind === "redirect") redirect(decision.url);
  return (
    <main className="mx-auto max-w-lg px-4 py-12">
      {decision.kind === "error_page" ? (
        <AuthorizeError message={decision.message} />
      ) : (
        <ConsentCard
          clientName={decision.request.client.name}
          partnerName={decision.request.client.partnerName}
          accountName={decision.accountName}
          scopes={scopesOf(decision.request.scopes)}
          params={params as Record<string, string>}
          action={answerConsent}
        />
      )}
    </main>
  );
}
