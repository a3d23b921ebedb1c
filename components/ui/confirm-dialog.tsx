"use client";

import { AlertDialog, Dialog as D } from "radix-ui";
import { X } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Button } from "./button";
import { useReturnFocus } from "./return-focus";

// Two kinds of modal, both on Radix (focus trap, Escape, scroll lock, inert page):
// - Dialog: a form or a panel. Escape, a click on the backdrop and the X close it,
//   unless `closeGuard` is set (a secret shown once that was not copied yet): then
//   those ask first, in a ConfirmDialog.
// - ConfirmDialog: the one confirmation for anything destructive (revoke, delete,
//   disable, rotate, suspend). An alertdialog: the backdrop does not close it, focus
//   starts on Cancel, the title names the thing and the confirm button is red.

const overlay = "modal-backdrop z-50";
const panel =
  "fixed left-1/2 top-1/2 z-50 flex max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 flex-col rounded-lg bg-white text-slate-900 shadow-xl outline-none";
const sizes = { md: "max-w-lg", lg: "max-w-2xl" } as const;

export type CloseGuard = {
  /** The question, e.g. "You won't see this secret again — close anyway?" */
  title: string;
  description?: ReactNode;
};

export const secretCloseGuard: CloseGuard = {
  title: "You won't see this secret again — close anyway?",
  description: "It is not stored anywhere we can show it from. If you close without copying it, you will have to rotate it to get a new one.",
};

export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  size = "md",
  closeGuard,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  size?: keyof typeof sizes;
  /** Ask before Escape, the backdrop or the X close the dialog (null/undefined: close at once). */
  closeGuard?: CloseGuard | null;
}) {
  const [asking, setAsking] = useState(false);
  const returnFocus = useReturnFocus(open);
  const requestClose = () => (closeGuard ? setAsking(true) : onClose());
  return (
    <D.Root open={open} onOpenChange={(next) => !next && requestClose()}>
      <D.Portal>
        <D.Overlay className={overlay} />
        <D.Content className={`${panel} ${sizes[size]}`} onCloseAutoFocus={returnFocus} {...(description ? {} : { "aria-describedby": undefined })}>
          <div className="flex items-start justify-between gap-4 border-b border-slate-200 px-5 py-3">
            <D.Title className="text-base font-semibold">{title}</D.Title>
            <D.Close aria-label="Close" className="-mr-2 rounded-md p-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
              <X aria-hidden className="size-5" />
            </D.Close>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4 text-sm text-slate-700">
            {description && <D.Description className="mb-3 text-slate-600">{description}</D.Description>}
            {children}
          </div>
          {footer && <div className="flex flex-wrap justify-end gap-2 rounded-b-lg border-t border-slate-200 bg-slate-50 px-5 py-3">{footer}</div>}
          {closeGuard && (
            <ConfirmDialog
              open={asking}
              title={closeGuard.title}
              confirmLabel="Close anyway"
              cancelLabel="Keep it open"
              danger
              onCancel={() => setAsking(false)}
              onConfirm={() => {
                setAsking(false);
                onClose();
              }}
            >
              {closeGuard.description}
            </ConfirmDialog>
          )}
        </D.Content>
      </D.Portal>
    </D.Root>
  );
}

export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel = "Cancel",
  danger,
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  /** Names the thing: "Revoke “Production sync”?" */
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Destructive: the confirm button is red. */
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const returnFocus = useReturnFocus(open);
  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => !next && !busy && onCancel()}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlay} />
        <AlertDialog.Content
          className={`${panel} max-w-md`}
          onEscapeKeyDown={(e) => busy && e.preventDefault()}
          onCloseAutoFocus={returnFocus}
          {...(children ? {} : { "aria-describedby": undefined })}
        >
          <div className="min-h-0 flex-1 overflow-y-auto px-5 pb-2 pt-4">
            <AlertDialog.Title className="text-base font-semibold break-words">{title}</AlertDialog.Title>
            {children && (
              <AlertDialog.Description asChild>
                <div className="mt-2 text-sm text-slate-700">{children}</div>
              </AlertDialog.Description>
            )}
          </div>
          <div className="flex flex-wrap justify-end gap-2 px-5 pb-4 pt-3">
            <AlertDialog.Cancel asChild>
              <Button variant="secondary" disabled={busy}>
                {cancelLabel}
              </Button>
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that closes at once; this stays open while busy and shows a failure. */}
            <Button variant={danger ? "danger" : "primary"} onClick={onConfirm} disabled={busy}>
              {busy ? "Working…" : confirmLabel}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
