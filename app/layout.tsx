import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { PublicHeader } from "@/components/shell/public-header";
import { PublicHeaderGate } from "@/components/shell/public-header-gate";
import { shellViewer } from "@/components/shell/shell-viewer";
import { getViewer } from "./_server/viewer";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Portico", template: "%s · Portico" },
  description: "The partner ecosystem of the insurance platform: apps, API keys, OAuth, webhooks, marketplace and billing.",
  applicationName: "Portico",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#0b1120" },
  ],
};

// Every page depends on the signed-in user and live data.
export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  // proxy.ts makes a nonce per response; next-themes' inline script (the theme before first paint) must carry it.
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const viewer = await getViewer();
  return (
    // next-themes sets the class and color-scheme on <html> before React hydrates.
    <html lang="en" suppressHydrationWarning>
      <body className="min-h-dvh">
        <Providers nonce={nonce}>
          {/* The areas (portal, marketplace, admin) and the 404 draw their own shell. */}
          <PublicHeaderGate>
            <PublicHeader viewer={viewer ? shellViewer(viewer) : null} />
          </PublicHeaderGate>
          {children}
        </Providers>
      </body>
    </html>
  );
}
