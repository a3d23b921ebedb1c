import { route } from "@/lib/http/route";
import { otherMethods } from "@/lib/http/method-not-allowed";
import { listMailMessages } from "@/lib/mail/mail-messages";
import { ListMailMessagesQuery } from "@/lib/mail/schemas";

export const GET = route({ admin: true, query: ListMailMessagesQuery }, ({ db, principal, query }) => listMailMessages(db, principal, query));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
