import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listScheduledJobs } from "@/lib/jobs/job-runs";

export const GET = route({ admin: true }, ({ db, principal }) => listScheduledJobs(db, principal));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
