import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getRun } from "@/lib/billing/billing-runs";

export const GET = route({ admin: true }, ({ db, params }) => getRun(db, params.id));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
