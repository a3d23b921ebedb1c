import { checkHealth } from "@/lib/jobs/check-health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await checkHealth();
  return Response.json(health.body, { status: health.status, headers: { "cache-control": "no-store" } });
}
