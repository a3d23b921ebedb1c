import { isValidElement, type ReactNode } from "react";

// A data table that never scrolls sideways: secondary columns drop out of the
// table as the screen narrows (`hide`), and below md every row becomes a card:
// the primary cell on top, the row's "…" menu in its corner, every other cell
// (hidden columns included: a card has room) as a "label value" line.
// Callers keep the markup of a table (<tr>, <Td>), so tests and assistive
// technology see rows and cells at every width.

export type Hide = "lg" | "xl" | "2xl";
// Hidden from md up to the breakpoint only: on a phone the cell is a line of the card.
const hideClass: Record<Hide, string> = { lg: "md:max-lg:hidden", xl: "md:max-xl:hidden", "2xl": "md:max-2xl:hidden" };

export type Column = {
  header: ReactNode;
  /** Read by screen readers only (e.g. "Actions" over the "…" buttons). */
  srOnly?: boolean;
  /** Left out of the table below this breakpoint (still on phone cards); give the column's <Td> the same `hide`. */
  hide?: Hide;
  className?: string;
};

const isColumn = (c: unknown): c is Column => typeof c === "object" && c !== null && !isValidElement(c) && "header" in c;

// Rows as cards below md (styles on the table so callers' <tr>s need no classes).
const cards = [
  "max-md:block",
  "max-md:[&>tbody]:block max-md:[&>tbody]:space-y-3 max-md:[&>tbody]:bg-transparent",
  "max-md:[&>tbody>tr]:relative max-md:[&>tbody>tr]:block max-md:[&>tbody>tr]:rounded-lg max-md:[&>tbody>tr]:border max-md:[&>tbody>tr]:border-slate-200",
  "max-md:[&>tbody>tr]:bg-white max-md:[&>tbody>tr]:px-3 max-md:[&>tbody>tr]:py-2 max-md:[&>tbody>tr]:shadow-sm",
].join(" ");

export function Table({ head, children, label }: { head: Array<ReactNode | Column>; children: ReactNode; label?: string }) {
  return (
    <div className="md:overflow-x-auto">
      <table aria-label={label} className={`w-full text-sm md:divide-y md:divide-slate-200 ${cards}`}>
        <thead className="bg-slate-50 max-md:sr-only">
          <tr>
            {head.map((h, i) => {
              const c: Column = isColumn(h) ? h : { header: h };
              return (
                <th
                  key={i}
                  scope="col"
                  className={`px-3 py-2.5 text-left text-xs font-semibold first:pl-4 last:pr-4 uppercase tracking-wide text-slate-600 ${c.hide ? hideClass[c.hide] : ""} ${c.className ?? ""}`}
                >
                  {c.srOnly ? <span className="sr-only">{c.header}</span> : c.header}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="bg-white md:divide-y md:divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

/**
 * A cell. `label` names it on a phone card (usually its column's header);
 * `primary` is the card's title line; `actions` holds the row's "…" menu (top
 * right of the card); `hide` matches the column's.
 */
export function Td({
  children,
  className = "",
  label,
  primary,
  actions,
  hide,
  wrap,
}: {
  children?: ReactNode;
  className?: string;
  label?: string;
  primary?: boolean;
  actions?: boolean;
  hide?: Hide;
  /** Let the text wrap on wide screens too (long descriptions). */
  wrap?: boolean;
}) {
  const phone = actions
    ? "max-md:absolute max-md:right-1.5 max-md:top-1.5 max-md:p-0"
    : primary
      ? "max-md:block max-md:px-0 max-md:pb-1 max-md:pr-10 max-md:pt-1"
      : `max-md:flex max-md:items-baseline max-md:gap-3 max-md:px-0 max-md:py-1 ${
          label ? "max-md:before:w-24 max-md:before:shrink-0 max-md:before:text-xs max-md:before:font-medium max-md:before:text-slate-600 max-md:before:content-[attr(data-label)]" : ""
        }`;
  return (
    <td
      data-label={label}
      className={`px-3 py-3 align-top text-slate-700 md:first:pl-4 md:last:pr-4 ${wrap ? "" : "md:whitespace-nowrap"} ${actions ? "w-12 text-right md:py-2" : ""} ${phone} ${
        hide ? hideClass[hide] : ""
      } ${className}`}
    >
      {/* Transparent on wide screens; on a card, the value column that may shrink and wrap. */}
      <div className="min-w-0 max-md:flex-1 max-md:break-words md:contents">{children}</div>
    </td>
  );
}
