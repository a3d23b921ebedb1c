import { config } from "@/lib/config";
import { openApiDocument } from "@/lib/openapi/document";

export function GET() {
  return Response.json(openApiDocument(config().APP_URL), { headers: { "cache-control": "public, max-age=60" } });
}
