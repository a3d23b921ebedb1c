import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { requestRun } from "@/lib/billing/billing-runs";
import { RunPayoutsInput } from "@/lib/billing/schemas";

export const POST = route({ admin: true, body: RunPayoutsInput, audit: "billing.payouts_run" }, ({ db, principal, body }) =>
  requestRun(db, principal, { kind: "payouts", ...body }),
);

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
