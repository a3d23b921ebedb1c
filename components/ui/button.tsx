import type { ButtonHTMLAttributes } from "react";

const variants = {
  primary: "bg-brand-600 text-white hover:bg-brand-700 disabled:bg-brand-600/50",
  secondary: "bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 disabled:text-slate-400",
  /** The button that carries out a destructive action (in a ConfirmDialog). */
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-600/50",
  /** A button that starts a destructive action: it opens the confirmation, which has the red `danger` button. */
  dangerOutline: "bg-white text-red-700 ring-1 ring-red-300 hover:bg-red-50 disabled:text-red-700/50",
  ghost: "text-slate-700 hover:bg-slate-100",
} as const;

export type ButtonProps = ButtonHTMLAttributes<HTMLButtonElement> & { variant?: keyof typeof variants; size?: "sm" | "md" };

export function Button({ variant = "primary", size = "md", className = "", ...props }: ButtonProps) {
  const sizing = size === "sm" ? "px-2.5 py-1 text-xs" : "px-3.5 py-2 text-sm";
  return (
    <button
      type="button"
      {...props}
      className={`inline-flex items-center justify-center gap-1.5 rounded-md font-medium shadow-sm transition disabled:cursor-not-allowed ${sizing} ${variants[variant]} ${className}`}
    />
  );
}
