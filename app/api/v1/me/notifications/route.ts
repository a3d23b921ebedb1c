import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listNotifications } from "@/lib/notifications/inbox";
import { ListNotificationsQuery } from "@/lib/notifications/schemas";

export const GET = route({ auth: ["session"], query: ListNotificationsQuery }, ({ db, principal, query }) => listNotifications(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
