import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { getMailMessage } from "@/lib/mail/mail-messages";

export const GET = route({ admin: true }, ({ db, principal, params }) => getMailMessage(db, principal, params.id));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
