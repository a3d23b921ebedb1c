import type { ReactNode } from "react";
import { customerNav } from "@/components/shell/nav";
import { SectionLayout } from "@/components/shell/section-layout";

export default function MarketplaceLayout({ children }: { children: ReactNode }) {
  return (
    <SectionLayout nav={customerNav} label="Marketplace">
      {children}
    </SectionLayout>
  );
}
