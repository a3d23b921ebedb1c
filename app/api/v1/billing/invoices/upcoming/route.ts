import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { UpcomingQuery } from "@/lib/billing/schemas";
import { upcomingInvoice } from "@/lib/billing/upcoming-invoice";

export const GET = route({ scopes: ["read:billing"], query: UpcomingQuery }, ({ db, principal, query }) => upcomingInvoice(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
