import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeReturnPath } from "@/lib/http/safe-redirect";
import { getViewer, homeFor } from "../_server/viewer";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const viewer = await getViewer();
  const { callbackUrl, error } = await searchParams;
  // Only paths of our own origin, read as a browser reads them: an open redirect here would make phishing links look like ours.
  const safeCallback = safeReturnPath(callbackUrl);
  if (viewer) redirect(safeCallback ?? homeFor(viewer));
  return (
    <main className="mx-auto max-w-sm px-4 py-16">
      <h1 className="text-2xl font-semibold tracking-tight">Sign in to Portico</h1>
      <p className="mt-1 text-sm text-slate-600">Partners, customers and platform admins all sign in here.</p>
      <SignInForm callbackUrl={safeCallback} initialError={error} />
    </main>
  );
}
