"use client";

import { Tooltip as T } from "radix-ui";
import { createContext, useContext, type ComponentProps, type ReactNode } from "react";

// Whether an app-wide provider is mounted. Radix throws for a Tooltip outside a
// provider; a tooltip rendered before Providers wraps the tree (or in a page
// outside it) brings its own instead of taking the page down.
const HasProvider = createContext(false);

/** A hover/focus hint. Wrap the app once in <TooltipProvider> (Providers does). */
export function TooltipProvider({ children, ...props }: ComponentProps<typeof T.Provider>) {
  return (
    <T.Provider delayDuration={300} {...props}>
      <HasProvider.Provider value={true}>{children}</HasProvider.Provider>
    </T.Provider>
  );
}

export function Tooltip({ content, children }: { content: ReactNode; children: ReactNode }) {
  const provided = useContext(HasProvider);
  const tip = (
    <T.Root>
      <T.Trigger asChild>{children}</T.Trigger>
      <T.Portal>
        <T.Content sideOffset={4} collisionPadding={8} className="z-50 max-w-xs rounded bg-slate-900 px-2 py-1 text-xs text-white shadow">
          {content}
        </T.Content>
      </T.Portal>
    </T.Root>
  );
  return provided ? tip : <T.Provider delayDuration={300}>{tip}</T.Provider>;
}
