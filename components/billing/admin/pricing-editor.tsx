"use client";

import { Card } from "@/components/ui/card";
import { ErrorState, LoadingState } from "@/components/ui/states";
import { Time } from "@/components/ui/time";
import { PlanHistory } from "./plan-history";
import { modelLabels, planInForce, summarizePlan } from "./plan-summary";
import { planToForm } from "./pricing-form-model";
import { PricingFormView } from "./pricing-form";
import { usePricing } from "./queries";

/**
 * A partner's pricing (or the default plan's, `partnerId = "default"`): what is in force, the form
 * for the next plan with its live preview, and the history. A partner without a plan starts from
 * the default plan.
 */
export function PricingEditor({ partnerId, subject }: { partnerId: string; subject: string }) {
  const isDefault = partnerId === "default";
  const pricing = usePricing(partnerId);
  const needsDefault = !isDefault && pricing.data === null;
  const fallback = usePricing(needsDefault ? "default" : partnerId);

  if (pricing.isPending || (needsDefault && fallback.isPending)) return <LoadingState label="Loading pricing…" />;
  if (pricing.isError) return <ErrorState error={pricing.error} onRetry={() => pricing.refetch()} />;

  // The API answers the latest plan (which may start later) with the whole history, newest first.
  const latest = pricing.data ?? null;
  const history = latest ? (latest.history ?? [latest]) : [];
  const { inForce, scheduled } = planInForce(latest);
  // The form starts from the newest plan: the next change follows it.
  const start = latest ?? (needsDefault ? (fallback.data ?? null) : null);

  return (
    <div className="grid gap-6">
      <Card title={isDefault ? "Default plan in force" : "Plan in force"}>
        {inForce ? (
          <div className="grid gap-1 text-sm" data-testid="current-plan">
            <p className="font-medium text-slate-900">{modelLabels[inForce.model]}</p>
            <p className="text-slate-700">{summarizePlan(inForce)}</p>
            <p className="text-xs text-slate-600">
              Since <Time value={inForce.effectiveFrom} />
            </p>
          </div>
        ) : (
          <p className="text-sm text-slate-700" data-testid="current-plan">
            {latest
              ? "No plan is in force yet: the one below starts later."
              : isDefault
                ? "No default plan: new partners start without pricing until one is saved here."
                : start
                  ? `${subject} has no pricing plan yet. The form starts from the default plan; saving gives ${subject} its own.`
                  : `${subject} has no pricing plan yet, and there is no default plan to start from.`}
          </p>
        )}
        {scheduled && (
          <p className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="scheduled-plan">
            Scheduled: {modelLabels[scheduled.model]} from <Time value={scheduled.effectiveFrom} /> ({summarizePlan(scheduled)}).
          </p>
        )}
      </Card>
      <PricingFormView
        // A new form when the saved plan changes (after a save, or another admin's).
        key={latest ? `${latest.id}:${latest.updatedAt}:${history.length}` : `none:${start?.id ?? ""}`}
        partnerId={partnerId}
        initial={planToForm(start)}
        latest={latest}
        subject={subject}
      />
      {!isDefault || latest ? <PlanHistory history={history} /> : null}
    </div>
  );
}
