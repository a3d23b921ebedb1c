import { serve } from "inngest/next";
import { functions } from "@/inngest/functions";
import { inngest } from "@/inngest/client";
import { config } from "@/lib/config";
import { newRequestId } from "@/lib/http/request-id";
import { problemResponse } from "@/lib/http/problem";
import { setApiSecurityHeaders } from "@/lib/http/security-headers";

// Served only when Inngest is configured; otherwise the embedded runner does the work
// and this endpoint says so (an unconfigured serve handler answers 500 in cloud mode).
const handlers = serve({ client: inngest, functions });

type Handler = (req: Request, ctx: unknown) => Promise<Response>;
function guarded(h: Handler): Handler {
  return async (req, ctx) => {
    const res =
      config().jobs === "inngest" ? await h(req, ctx) : problemResponse("NOT_FOUND", "Inngest is not configured; jobs run in the embedded runner", newRequestId());
    try {
      setApiSecurityHeaders(res.headers);
    } catch {
      // A response with immutable headers keeps what it has; next.config.ts still adds the static ones.
    }
    return res;
  };
}

export const GET = guarded(handlers.GET as Handler);
export const POST = guarded(handlers.POST as Handler);
export const PUT = guarded(handlers.PUT as Handler);
