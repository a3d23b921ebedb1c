import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { Providers } from "@/components/providers";
import { getViewer } from "./_server/viewer";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Portico", template: "%s · Portico" },
  description: "The partner ecosystem of the insurance platform: apps, API keys, OAuth, webhooks, marketplace and billing.",
};

// Every page depends on the signed-in user and live data.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>
          <AppHeader viewer={viewer} />
          {children}
        </Providers>
      </body>
    </html>
  );
}
