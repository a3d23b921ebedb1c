import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getViewer, homeFor } from "../_server/viewer";

export const metadata = { title: "Become a partner" };

export default async function SignUpPage() {
  const viewer = await getViewer();
  if (viewer) redirect(homeFor(viewer));
  return (
    <main className="mx-auto max-w-md px-4 py-16">
      <h1 className="text-2xl font-semibold tracking-tight">Become a Portico partner</h1>
      <p className="mt-1 text-sm text-slate-600">
        Create your account and your company&apos;s partner profile. The Portico team reviews new partners, usually within one business day.
      </p>
      <SignUpForm />
    </main>
  );
}
