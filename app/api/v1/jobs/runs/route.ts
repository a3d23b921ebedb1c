import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listJobRuns } from "@/lib/jobs/job-runs";
import { ListJobRunsQuery } from "@/lib/jobs/schemas";

export const GET = route({ admin: true, query: ListJobRunsQuery }, ({ db, principal, query }) => listJobRuns(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
