import { Card } from "@/components/ui/card";
import { priceText } from "@/components/marketplace/browse-format";
import { ConsentForm, type ConsentFormProps } from "./consent-form";

export type ConsentCardProps = ConsentFormProps & {
  clientName: string;
  partnerName: string;
  accountName: string;
  scopes: { scope: string; label: string }[];
  /** A marketplace install: worded as one, with the price and (for several accounts) the account picker. */
  install?: boolean;
  pricing?: { model: "free" | "paid"; monthlyPriceCents: number | null };
};

export function ConsentCard({ clientName, partnerName, accountName, scopes, params, action, install, pricing, accounts, accountId }: ConsentCardProps) {
  const paid = pricing?.model === "paid" && pricing.monthlyPriceCents !== null;
  return (
    <Card title={install ? `Install ${clientName}` : `Authorize ${clientName}`} titleAs="h1">
      <div className="space-y-4 text-sm text-slate-700">
        <p>
          <strong>{clientName}</strong> by <strong>{partnerName}</strong> wants to access Portico on behalf of{" "}
          {accounts && accounts.length > 1 ? "the agency you choose below" : <strong>{accountName}</strong>}.
        </p>
        <div>
          <p className="font-medium text-slate-900">It will be able to:</p>
          <ul className="mt-2 list-disc space-y-1 pl-5" aria-label="Requested permissions">
            {scopes.map((s) => (
              <li key={s.scope}>
                {s.label} <span className="text-xs text-slate-600">({s.scope})</span>
              </li>
            ))}
          </ul>
        </div>
        {install && (
          <p className="rounded-md bg-slate-50 px-3 py-2" aria-label="Price">
            {paid ? (
              <>
                <strong>{priceText({ model: "paid", monthlyPriceCents: pricing.monthlyPriceCents! })}</strong>, billed to your agency monthly from today until you uninstall.
              </>
            ) : (
              <>
                <strong>Free</strong>: installing costs nothing.
              </>
            )}
          </p>
        )}
        <p className="text-xs text-slate-600">
          {install ? "You can uninstall it at any time under Installed apps: its access ends at once." : "You can revoke this access at any time under Authorized apps."}
        </p>
        <ConsentForm params={params} action={action} accounts={accounts} accountId={accountId} authorizeLabel={install ? "Authorize and install" : undefined} />
      </div>
    </Card>
  );
}

export function AuthorizeError({ message }: { message: string }) {
  return (
    <Card title="Cannot authorize this application" titleAs="h1">
      <p role="alert" className="text-sm text-slate-700">
        {message}
      </p>
    </Card>
  );
}
