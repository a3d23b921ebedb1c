import { checkHealth } from "@/lib/jobs/check-health";
import { healthResponse } from "@/lib/http/health-response";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export async function GET() {
  return healthResponse(await checkHealth());
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
