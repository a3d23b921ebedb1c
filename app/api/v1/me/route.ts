import { route } from "@/lib/http/route";
import { describeCaller } from "@/lib/auth/describe-caller";

export const GET = route({}, async ({ principal }) => describeCaller(principal));
