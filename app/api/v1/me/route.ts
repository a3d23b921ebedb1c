import { route } from "@/lib/http/route";
import { describeCaller } from "@/lib/auth/describe-caller";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const GET = route({}, async ({ principal }) => describeCaller(principal));

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
