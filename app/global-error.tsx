"use client";

import "./globals.css";
import { ErrorPanel } from "@/components/feedback/error-panel";

// The root layout itself failed (the database is unreachable while reading the session, say):
// Next replaces the whole document with this one, without the shell or the providers.
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-dvh px-4 py-6">
        <title>Something went wrong · Portico</title>
        <ErrorPanel error={error} retry={retry} home={{ href: "/", label: "Go to the home page" }} />
      </body>
    </html>
  );
}
