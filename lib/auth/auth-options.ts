import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { config } from "@/lib/config";
import { describeError } from "@/lib/db/errors";
import { clientIp } from "@/lib/http/client-ip";
import { safeAuthRedirect } from "@/lib/http/safe-redirect";
import { verifyCredentials } from "./verify-credentials";

export const SIGNIN_ERRORS = {
  INVALID: "Email or password is incorrect.",
  THROTTLED: "Too many failed attempts. Wait a moment and try again.",
} as const;

/** Built on demand: `next build` imports routes without production secrets. */
export function authOptions(): NextAuthOptions {
  // next-auth v4 builds redirect URLs from NEXTAUTH_URL; keep it in step with APP_URL.
  process.env.NEXTAUTH_URL ??= config().APP_URL;
  return {
    secret: config().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: 7 * 24 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        // Throws only the THROTTLED message (next-auth hands a thrown message to
        // the client); anything unexpected is logged without SQL or values and
        // answered as a plain failed sign-in.
        async authorize(credentials, req) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          if (!email || !password) return null;
          let result: Awaited<ReturnType<typeof verifyCredentials>>;
          try {
            result = await verifyCredentials(await getDb(), email, password, { ip: clientIp(req?.headers) });
          } catch (err) {
            console.error(`auth: sign-in check failed: ${describeError(err)}`);
            return null;
          }
          if (result.ok) return result.user;
          if (result.code === "THROTTLED") throw new Error(SIGNIN_ERRORS.THROTTLED);
          return null;
        },
      }),
    ],
    callbacks: {
      // The JWT carries only the user id; roles are read from the database per request.
      async jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      async session({ session, token }) {
        if (session.user) (session.user as { id?: string }).id = token.sub;
        return session;
      },
      // Every callbackUrl next-auth honours (sign-in, sign-out, its callback-url cookie): our own paths only.
      async redirect({ url, baseUrl }) {
        return safeAuthRedirect(url, baseUrl);
      },
    },
  };
}
