import { Card } from "@/components/ui/card";
import { ConsentForm, type ConsentFormProps } from "./consent-form";

export type ConsentCardProps = ConsentFormProps & {
  clientName: string;
  partnerName: string;
  accountName: string;
  scopes: { scope: string; label: string }[];
};

export function ConsentCard({ clientName, partnerName, accountName, scopes, params, action }: ConsentCardProps) {
  return (
    <Card title={`Authorize ${clientName}`} titleAs="h1">
      <div className="space-y-4 text-sm text-slate-700">
        <p>
          <strong>{clientName}</strong> by <strong>{partnerName}</strong> wants to access Portico on behalf of <strong>{accountName}</strong>.
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
        <p className="text-xs text-slate-600">You can revoke this access at any time under Authorized apps.</p>
        <ConsentForm params={params} action={action} />
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
