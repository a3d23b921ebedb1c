"use client";

import { useState } from "react";

/**
 * Where focus goes when a dialog or sheet closes. Radix returns it to a
 * Dialog.Trigger, but ours open from state (a row's menu item, a button that
 * sets state), so without this focus falls to <body>. The opener is read while
 * the dialog renders open, before the menu that opened it is removed: a menu
 * item stands for its menu's "…" trigger.
 */
export function useReturnFocus(open: boolean) {
  const [opener, setOpener] = useState<HTMLElement | null>(null);
  const [wasOpen, setWasOpen] = useState(false);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setOpener(currentOpener());
  }
  return (event: Event) => {
    if (opener?.isConnected) {
      event.preventDefault();
      opener.focus();
    }
  };
}

function currentOpener(): HTMLElement | null {
  if (typeof document === "undefined") return null;
  const active = document.activeElement;
  if (!(active instanceof HTMLElement) || active === document.body) return null;
  const menu = active.closest('[role="menu"]');
  if (!menu) return active;
  const triggerId = menu.getAttribute("aria-labelledby");
  return triggerId ? document.getElementById(triggerId) : null;
}
