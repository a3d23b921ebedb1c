import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { createPartner } from "@/lib/partners/create-partner";
import { listPartners } from "@/lib/partners/list-partners";
import { CreatePartner, ListPartnersQuery } from "@/lib/partners/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:partners"], query: ListPartnersQuery }, ({ db, principal, query }) =>
  listPartners(db, principal, query),
);

export const POST = route({ body: CreatePartner, audit: "partner.created" }, async ({ db, principal, body }) =>
  Reply.created(await createPartner(db, principal, body)),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
