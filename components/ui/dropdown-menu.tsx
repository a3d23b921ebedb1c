"use client";

import { DropdownMenu as Menu } from "radix-ui";
import { MoreHorizontal } from "lucide-react";
import type { ComponentProps, ReactNode } from "react";

// Radix's menu (keyboard, focus, typeahead, collision-aware placement in a portal,
// so it is never clipped by a scrolling table) styled for Portico.

/**
 * Not modal: a modal menu locks the page's pointer events, and closing it while it
 * opens a dialog can leave that lock behind (radix-ui/primitives#1241). Escape,
 * a click outside and focus return to the trigger work the same.
 */
export function DropdownMenu({ modal = false, ...props }: ComponentProps<typeof Menu.Root>) {
  return <Menu.Root modal={modal} {...props} />;
}
export const DropdownMenuTrigger = Menu.Trigger;
export const DropdownMenuSeparator = (props: ComponentProps<typeof Menu.Separator>) => (
  <Menu.Separator className="my-1 h-px bg-slate-200" {...props} />
);

export function DropdownMenuContent({ children, align = "end", ...props }: ComponentProps<typeof Menu.Content>) {
  return (
    <Menu.Portal>
      <Menu.Content
        align={align}
        sideOffset={4}
        collisionPadding={8}
        className="z-50 min-w-44 rounded-md border border-slate-200 bg-white p-1 text-sm text-slate-800 shadow-lg"
        {...props}
      >
        {children}
      </Menu.Content>
    </Menu.Portal>
  );
}

export function DropdownMenuLabel({ children }: { children: ReactNode }) {
  return <Menu.Label className="px-2 py-1.5 text-xs font-semibold text-slate-600">{children}</Menu.Label>;
}

/** An item; `destructive` ones are red and open a ConfirmDialog rather than acting at once. */
export function DropdownMenuItem({ destructive, className, ...props }: ComponentProps<typeof Menu.Item> & { destructive?: boolean }) {
  return (
    <Menu.Item
      className={`flex cursor-pointer select-none items-center gap-2 rounded px-2 py-1.5 outline-none data-[disabled]:cursor-not-allowed data-[disabled]:opacity-50 data-[highlighted]:bg-slate-100 ${
        destructive ? "text-red-700 data-[highlighted]:bg-red-50" : ""
      } ${className ?? ""}`}
      {...props}
    />
  );
}

/** The "…" button that opens a row's actions; its accessible name says whose actions they are. */
export function RowActionsTrigger({ label }: { label: string }) {
  return (
    <Menu.Trigger
      aria-label={label}
      className="inline-flex h-8 w-8 items-center justify-center rounded-md text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 data-[state=open]:bg-slate-100 data-[state=open]:text-slate-900"
    >
      <MoreHorizontal aria-hidden className="h-4 w-4" />
    </Menu.Trigger>
  );
}

/** A row's "…" menu: `label` is the trigger's accessible name ("Actions for Production sync"). */
export function RowActions({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DropdownMenu>
      <RowActionsTrigger label={label} />
      <DropdownMenuContent>{children}</DropdownMenuContent>
    </DropdownMenu>
  );
}
