import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** The one layout of the full-page states (not found, no access, error): icon, heading, words, ways out. */
export function StatusPanel({
  icon: Icon,
  code,
  title,
  children,
  actions,
  tone = "neutral",
}: {
  icon: LucideIcon;
  code?: string;
  title: string;
  children?: ReactNode;
  actions?: ReactNode;
  tone?: "neutral" | "warning" | "danger";
}) {
  const iconTone = { neutral: "bg-slate-100 text-slate-600", warning: "bg-amber-50 text-amber-700", danger: "bg-red-50 text-red-700" }[tone];
  return (
    <section className="mx-auto my-8 max-w-xl rounded-lg border border-slate-200 bg-white px-6 py-10 text-center shadow-sm sm:my-12">
      <span className={`mx-auto grid size-12 place-items-center rounded-full ${iconTone}`}>
        <Icon aria-hidden className="size-6" />
      </span>
      {code && <p className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-600">{code}</p>}
      <h1 className={`${code ? "mt-1" : "mt-4"} text-xl font-semibold tracking-tight text-slate-900`}>{title}</h1>
      {children && <div className="mx-auto mt-2 max-w-md space-y-2 text-sm text-slate-600">{children}</div>}
      {actions && <div className="mt-6 flex flex-wrap items-center justify-center gap-3">{actions}</div>}
    </section>
  );
}

export const primaryAction =
  "inline-flex items-center gap-1.5 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white shadow-sm hover:bg-brand-700";
export const secondaryAction =
  "inline-flex items-center gap-1.5 rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50";
