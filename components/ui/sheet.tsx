"use client";

import { Dialog } from "radix-ui";
import { X } from "lucide-react";
import { createContext, useContext, useState, type ComponentProps, type ReactNode } from "react";
import { useReturnFocus } from "./return-focus";

// A panel that slides in from a side: the phone navigation and wide detail views
// (a delivery, an event). Radix Dialog gives focus trapping, Escape and scroll lock.

const SheetOpen = createContext(false);

/** Radix's Dialog.Root (controlled or not), telling SheetContent whether it is open so focus can go back where it came from. */
export function Sheet({ open: openProp, defaultOpen = false, onOpenChange, children, ...props }: ComponentProps<typeof Dialog.Root>) {
  const [openState, setOpenState] = useState(defaultOpen);
  const open = openProp ?? openState;
  return (
    <Dialog.Root
      {...props}
      open={open}
      onOpenChange={(next) => {
        setOpenState(next);
        onOpenChange?.(next);
      }}
    >
      <SheetOpen.Provider value={open}>{children}</SheetOpen.Provider>
    </Dialog.Root>
  );
}
export const SheetTrigger = Dialog.Trigger;
export const SheetClose = Dialog.Close;

export function SheetContent({
  side = "right",
  title,
  description,
  children,
  footer,
  width = "max-w-2xl",
}: {
  side?: "left" | "right";
  title: string;
  description?: ReactNode;
  children: ReactNode;
  /** Pinned under the scrolling body (a Retry button, Close). */
  footer?: ReactNode;
  /** Tailwind max-width of a right-hand panel. */
  width?: string;
}) {
  const returnFocus = useReturnFocus(useContext(SheetOpen));
  const edge = side === "left" ? "left-0 w-72 max-w-[85vw]" : `right-0 w-full ${width}`;
  return (
    <Dialog.Portal>
      <Dialog.Overlay className="modal-backdrop z-40" />
      <Dialog.Content onCloseAutoFocus={returnFocus} className={`fixed inset-y-0 z-50 flex flex-col bg-white text-slate-900 shadow-xl outline-none ${edge}`}>
        <div className="flex items-center justify-between gap-4 border-b border-slate-200 px-5 py-3">
          <Dialog.Title className="text-base font-semibold">{title}</Dialog.Title>
          <Dialog.Close aria-label="Close" className="rounded-md p-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
            <X aria-hidden className="h-5 w-5" />
          </Dialog.Close>
        </div>
        {description ? (
          <Dialog.Description asChild>
            <div className="border-b border-slate-200 px-5 py-3 text-sm text-slate-600">{description}</div>
          </Dialog.Description>
        ) : (
          <Dialog.Description className="sr-only">{title}</Dialog.Description>
        )}
        <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
        {footer && <div className="flex flex-wrap justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">{footer}</div>}
      </Dialog.Content>
    </Dialog.Portal>
  );
}
