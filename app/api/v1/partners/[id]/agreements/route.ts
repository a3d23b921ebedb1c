import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { PageQuery } from "@/lib/pagination/cursor";
import { issueAgreement, listAgreements } from "@/lib/partners/agreements";
import { IssueAgreement } from "@/lib/partners/schemas";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({ scopes: ["read:partners"], query: PageQuery }, ({ db, principal, params, query }) =>
  listAgreements(db, principal, params.id, query),
);

export const POST = route({ admin: true, body: IssueAgreement, audit: "agreement.issued" }, async ({ db, principal, params, body }) =>
  Reply.created(await issueAgreement(db, principal, params.id, body)),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
