import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { retryMailMessage } from "@/lib/mail/mail-messages";

export const POST = route({ admin: true, audit: "mail_message.retried" }, ({ db, principal, params }) => retryMailMessage(db, principal, params.id));

export const { GET, PUT, PATCH, DELETE } = otherMethods("POST");
