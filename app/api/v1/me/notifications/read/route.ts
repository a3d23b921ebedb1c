import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { markNotificationsRead } from "@/lib/notifications/inbox";
import { MarkNotificationsRead } from "@/lib/notifications/schemas";

export const POST = route({ auth: ["session"], body: MarkNotificationsRead, audit: false }, ({ db, principal, body }) => markNotificationsRead(db, principal, body));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
