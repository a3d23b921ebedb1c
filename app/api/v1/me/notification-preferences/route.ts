import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getNotificationPreferences, updateNotificationPreferences } from "@/lib/notifications/preferences";
import { UpdateNotificationPreferences } from "@/lib/notifications/schemas";

export const GET = route({ auth: ["session"] }, ({ db, principal }) => getNotificationPreferences(db, principal));

export const PUT = route({ auth: ["session"], body: UpdateNotificationPreferences }, ({ db, principal, body }) => updateNotificationPreferences(db, principal, body));

export const { POST, PATCH, DELETE } = otherMethods("GET", "PUT");
