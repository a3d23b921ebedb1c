import type { ReactNode } from "react";
import { SettingsTabs } from "@/components/partners/settings-tabs";
import { PageHeader } from "@/components/ui/page-header";

export default function SettingsLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PageHeader title="Settings" description="Your company profile, contacts and agreements." />
      <SettingsTabs />
      {children}
    </>
  );
}
