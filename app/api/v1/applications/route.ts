import { route } from "@/lib/http/route";
import { Reply } from "@/lib/http/reply";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listApplications } from "@/lib/applications/application-queries";
import { createApplication } from "@/lib/applications/manage-applications";
import { CreateApplication, ListApplicationsQuery } from "@/lib/applications/schemas";

export const GET = route({ scopes: ["read:applications"], query: ListApplicationsQuery }, ({ db, principal, query }) => listApplications(db, principal, query));

export const POST = route({ scopes: ["write:applications"], body: CreateApplication, audit: "application.created" }, async ({ db, principal, body }) =>
  Reply.created(await createApplication(db, principal, body)),
);

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
