"use client";

import { Tooltip as T } from "radix-ui";
import type { ReactNode } from "react";

/** A hover/focus hint. Wrap the app once in <TooltipProvider> (Providers does). */
export const TooltipProvider = T.Provider;

export function Tooltip({ content, children }: { content: ReactNode; children: ReactNode }) {
  return (
    <T.Root>
      <T.Trigger asChild>{children}</T.Trigger>
      <T.Portal>
        <T.Content sideOffset={4} collisionPadding={8} className="z-50 max-w-xs rounded bg-slate-900 px-2 py-1 text-xs text-white shadow">
          {content}
        </T.Content>
      </T.Portal>
    </T.Root>
  );
}
