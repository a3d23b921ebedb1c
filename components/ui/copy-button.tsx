"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { Button } from "./button";

/**
 * Copies `value`. `label` is the visible text; `name` (optional) is a longer
 * accessible name that starts with it ("Copy request body") where several sit together.
 */
export function CopyButton({
  value,
  label = "Copy",
  name,
  onCopied,
  variant = "secondary",
}: {
  value: string;
  label?: string;
  name?: string;
  onCopied?: () => void;
  variant?: "secondary" | "ghost";
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const settle = (s: "copied" | "failed") => {
    setState(s);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2000);
  };
  const text = state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label;
  return (
    <Button
      variant={variant}
      size="sm"
      aria-label={name && state === "idle" ? name : undefined}
      className="shrink-0"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          settle("copied");
          onCopied?.();
        } catch {
          // No clipboard (an insecure origin, a denied permission): the value stays selectable.
          settle("failed");
        }
      }}
    >
      {state === "copied" ? <Check aria-hidden className="size-3.5" /> : <Copy aria-hidden className="size-3.5" />}
      <span aria-live="polite">{text}</span>
    </Button>
  );
}
