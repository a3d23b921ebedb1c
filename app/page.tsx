import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer, homeFor } from "./_server/viewer";

export default async function Home() {
  const viewer = await getViewer();
  if (viewer) redirect(homeFor(viewer));
  return (
    <main className="mx-auto max-w-5xl px-4 py-20">
      <h1 className="text-4xl font-semibold tracking-tight text-slate-900">Build on the insurance platform.</h1>
      <p className="mt-4 max-w-2xl text-lg text-slate-600">
        Portico is where partners register apps, get API keys and OAuth clients, receive signed webhooks for leads, policies and claims,
        and list their integrations for thousands of agencies.
      </p>
      <div className="mt-8 flex gap-3">
        <Link href="/signup" className="rounded-md bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-700">
          Become a partner
        </Link>
        <Link href="/signin" className="rounded-md bg-white px-4 py-2.5 text-sm font-semibold text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50">
          Sign in
        </Link>
        <Link href="/docs/api" className="px-4 py-2.5 text-sm font-semibold text-brand-700 hover:underline">
          Read the API reference →
        </Link>
      </div>
    </main>
  );
}
