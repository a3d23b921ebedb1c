import type { ReactNode } from "react";
import { AreaShell } from "@/components/shell/area-shell";
import { PublicHeader } from "@/components/shell/public-header";
import { getViewer, homeArea } from "../_server/viewer";

// Browsing is public: signed out, the simple header and the page (pages that need an agency
// send the visitor to sign in themselves). Signed in: customers get the marketplace shell;
// partners and admins browse inside their own shell, where Marketplace sits under Resources.
export default async function MarketplaceLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  if (!viewer) {
    return (
      <>
        <PublicHeader viewer={null} />
        <main id="main" className="mx-auto max-w-6xl px-4 py-6 sm:py-8">
          {children}
        </main>
      </>
    );
  }
  return (
    <AreaShell area={viewer.account ? "customer" : homeArea(viewer)} viewer={viewer}>
      {children}
    </AreaShell>
  );
}
