import { checkReadiness } from "@/lib/jobs/check-health";
import { healthResponse } from "@/lib/http/health-response";
import { otherMethods } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export async function GET() {
  return healthResponse(await checkReadiness());
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
