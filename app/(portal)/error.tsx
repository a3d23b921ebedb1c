"use client";

import { ErrorPanel } from "@/components/feedback/error-panel";

// A page in this area failed to render: shown inside the shell, with Try again and the way back.
export default function AreaError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <ErrorPanel error={error} retry={retry} home={{ href: "/dashboard", label: "Back to the dashboard" }} />
  );
}
