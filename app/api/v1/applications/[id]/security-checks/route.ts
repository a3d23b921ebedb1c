import { z } from "zod";
import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listChecks, rerunChecks } from "@/lib/applications/check-runs";

export const GET = route({ scopes: ["read:applications"], query: z.object({ versionId: z.string().max(100).optional() }) }, ({ db, principal, params, query }) =>
  listChecks(db, principal, params.id, query.versionId),
);

export const POST = route({ scopes: ["write:applications"], audit: "application.checks_rerun" }, ({ db, principal, params }) => rerunChecks(db, principal, params.id));

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
