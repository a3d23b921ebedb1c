import type { ReactNode } from "react";

export function Card({
  title,
  titleAs: Heading = "h2",
  actions,
  children,
  className = "",
}: {
  title?: ReactNode;
  /** h2 under a page's h1; h1 where the card is the page (the consent screen). */
  titleAs?: "h1" | "h2" | "h3";
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`min-w-0 rounded-lg border border-slate-200 bg-white shadow-sm ${className}`}>
      {(title || actions) && (
        <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-3 sm:px-5">
          {title ? <Heading className={`${Heading === "h1" ? "text-lg" : "text-sm"} font-semibold text-slate-900`}>{title}</Heading> : <span />}
          {actions && <div className="flex flex-wrap gap-2">{actions}</div>}
        </header>
      )}
      <div className="p-4 sm:p-5">{children}</div>
    </section>
  );
}
