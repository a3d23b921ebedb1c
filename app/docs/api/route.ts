import { ApiReference } from "@scalar/nextjs-api-reference";

// Scalar renders /api/v1/openapi.json. Its browser bundle is served from our own
// node_modules (below), so the reference works on a self-hosted, offline install.
export const GET = ApiReference({
  url: "/api/v1/openapi.json",
  pageTitle: "Portico API reference",
  cdn: "/docs/api/standalone.js",
});
