import { authorizationServerMetadata } from "@/lib/oauth/discovery";

export const dynamic = "force-dynamic";

export async function GET() {
  return Response.json(authorizationServerMetadata(), { headers: { "cache-control": "public, max-age=300" } });
}
