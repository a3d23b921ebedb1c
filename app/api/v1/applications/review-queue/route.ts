import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { reviewQueue } from "@/lib/applications/review-queue";
import { ReviewQueueQuery } from "@/lib/applications/schemas";

export const GET = route({ admin: true, query: ReviewQueueQuery }, ({ db, principal, query }) => reviewQueue(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
