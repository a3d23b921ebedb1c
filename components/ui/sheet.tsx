"use client";

import { Dialog } from "radix-ui";
import { X } from "lucide-react";
import type { ReactNode } from "react";

// A panel that slides in from a side: the phone navigation and wide detail views
// (a delivery, an event). Radix Dialog gives focus trapping, Escape and scroll lock.

export const Sheet = Dialog.Root;
export const SheetTrigger = Dialog.Trigger;
export const SheetClose = Dialog.Close;

export function SheetContent({
  side = "right",
  title,
  description,
  children,
  width = "max-w-2xl",
}: {
  side?: "left" | "right";
  title: string;
  description?: string;
  children: ReactNode;
  /** Tailwind max-width of a right-hand panel. */
  width?: string;
}) {
  const edge = side === "left" ? "left-0 w-72 max-w-[85vw]" : `right-0 w-full ${width}`;
  return (
    <Dialog.Portal>
      <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/40" />
      <Dialog.Content className={`fixed inset-y-0 z-50 flex flex-col bg-white text-slate-900 shadow-xl outline-none ${edge}`}>
        <div className="flex items-center justify-between gap-4 border-b border-slate-200 px-5 py-3">
          <Dialog.Title className="text-base font-semibold">{title}</Dialog.Title>
          <Dialog.Close aria-label="Close" className="rounded-md p-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
            <X aria-hidden className="h-5 w-5" />
          </Dialog.Close>
        </div>
        {description ? <Dialog.Description className="px-5 pt-3 text-sm text-slate-600">{description}</Dialog.Description> : <Dialog.Description className="sr-only">{title}</Dialog.Description>}
        <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
      </Dialog.Content>
    </Dialog.Portal>
  );
}
