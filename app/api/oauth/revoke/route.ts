import { handleRevocation } from "@/lib/oauth/introspect-revoke";

export const POST = handleRevocation;
