import { handleTokenRequest } from "@/lib/oauth/token-endpoint";

// RFC 6749 token endpoint: form-encoded, not the /api/v1 JSON pipeline.
export const POST = handleTokenRequest;
