"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ThemeProvider, useTheme } from "next-themes";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import { useState, type ReactNode } from "react";
import { Toaster } from "sonner";
import { mutationToastCache } from "@/components/feedback/mutation-toasts";
import { useMounted } from "@/components/shell/use-mounted";
import { TooltipProvider } from "@/components/ui/tooltip";

/**
 * Everything client-side the whole app shares: the theme (next-themes puts an inline script in
 * the page that sets the `dark` class before paint, so it carries the CSP nonce), the URL state of
 * tabs, filters and ranges (nuqs: a view can be linked and survives reload), React Query
 * (every mutation toasts through its cache, see mutation-toasts.ts), tooltips and the toaster.
 */
export function Providers({ nonce, children }: { nonce?: string; children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        mutationCache: mutationToastCache(),
        defaultOptions: {
          queries: { staleTime: 10_000, retry: (count, err) => count < 2 && !(err as { status?: number }).status },
        },
      }),
  );
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      <NuqsAdapter>
        <QueryClientProvider client={client}>
          <TooltipProvider delayDuration={300}>
            {children}
            <ThemedToaster />
          </TooltipProvider>
        </QueryClientProvider>
      </NuqsAdapter>
    </ThemeProvider>
  );
}

function ThemedToaster() {
  const { resolvedTheme } = useTheme();
  // The stored theme is only known in the browser: light until hydrated, so server and client agree.
  const dark = useMounted() && resolvedTheme === "dark";
  return <Toaster richColors closeButton position="bottom-right" theme={dark ? "dark" : "light"} />;
}
