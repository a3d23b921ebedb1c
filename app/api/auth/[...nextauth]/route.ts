import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { setApiSecurityHeaders } from "@/lib/http/security-headers";

type Ctx = { params: Promise<{ nextauth: string[] }> };

async function handler(req: Request, ctx: Ctx) {
  const res: Response = await NextAuth(authOptions())(req, { params: await ctx.params });
  // next-auth builds its responses with `new Response`, whose headers can be changed; copy if ever not.
  try {
    setApiSecurityHeaders(res.headers);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    setApiSecurityHeaders(copy.headers);
    return copy;
  }
}

export { handler as GET, handler as POST };
