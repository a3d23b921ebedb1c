import { handleIntrospection } from "@/lib/oauth/introspect-revoke";

export const POST = handleIntrospection;
