import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listRuns } from "@/lib/billing/billing-runs";
import { RunListQuery } from "@/lib/billing/schemas";

export const GET = route({ admin: true, query: RunListQuery }, ({ db, query }) => listRuns(db, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
