"use client";

import { ErrorPanel } from "@/components/feedback/error-panel";

// A page outside the areas failed (the areas have their own boundary, inside their shell).
export default function RootError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-6xl px-4 py-6">
      <ErrorPanel error={error} retry={retry} home={{ href: "/", label: "Go to the home page" }} />
    </main>
  );
}
