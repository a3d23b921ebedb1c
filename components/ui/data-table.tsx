"use client";

import { createColumnHelper, FlexRender, metaHelper, tableFeatures, useTable, type ColumnDef, type RowData } from "@tanstack/react-table";
import type { HTMLAttributes, ReactNode } from "react";

// A data table that never scrolls sideways: secondary columns drop out of the
// table as the screen narrows (`hide`), and below md every row becomes a card:
// the primary cell on top, the row's "…" menu in its corner, every other cell
// (hidden columns included: a card has room) as a "label value" line.
// The markup stays a table (<tr>, <td>), so tests and assistive technology see
// rows and cells at every width.
//
// TanStack Table owns the column model (headless: `useTable` with the core row
// model only); this file owns the markup. Lists are paged on the server
// (usePagedList + Pager), so the table shows the page it is given, unsorted.

export type Hide = "lg" | "xl" | "2xl";
// Hidden from md up to the breakpoint only: on a phone the cell is a line of the card.
const hideClass: Record<Hide, string> = { lg: "md:max-lg:hidden", xl: "md:max-xl:hidden", "2xl": "md:max-2xl:hidden" };

/** What a column says about how its header and cells are laid out (`meta` of its column definition). */
export type DataColumnMeta = {
  /** Left out of the table from md up to this breakpoint (still a line of the phone card). */
  hide?: Hide;
  /** The cell's name on a phone card. Defaults to the header when that is a string. */
  label?: string;
  /** The card's title line on a phone. */
  primary?: boolean;
  /** Holds the row's "…" menu: the top right corner of the card on a phone. */
  actions?: boolean;
  /** Header read by screen readers only (e.g. "Actions" over the "…" buttons). */
  srOnly?: boolean;
  /** Let the text wrap on wide screens too (long descriptions). */
  wrap?: boolean;
  /** Classes for the column's cells. */
  className?: string;
  /** Classes for the column's header. */
  headerClassName?: string;
};

// Column definitions live at module scope, so they never change identity: TanStack renders a
// `cell` function as a component, and a new function would remount the cell (closing an open
// menu, dropping focus). What a cell needs from its list (permissions, callbacks, selection)
// comes through the table's `meta` instead, read back with `tableMeta(table)`.
const features = tableFeatures({ columnMeta: metaHelper<DataColumnMeta>(), tableMeta: metaHelper<object>() });
/** A DataTable's features: the layout meta of its columns, and `M`, what its cells read from the list. */
export type DataTableFeatures<M extends object = object> = { columnMeta: DataColumnMeta; tableMeta: M };
export type DataColumnDef<T extends RowData, M extends object = object> = ColumnDef<DataTableFeatures<M>, T, any>;

/**
 * The column helper for a DataTable of T whose cells read M from the table's `meta`:
 * `const col = dataColumnHelper<ApiKey, KeyTableMeta>(); export const keyColumns = col.columns([col.accessor(…), col.display(…)])`.
 */
export function dataColumnHelper<T extends RowData, M extends object = object>() {
  return createColumnHelper<DataTableFeatures<M>, T>();
}

/** The `meta` a DataTable was given, from the `table` of a cell or header context. */
export function tableMeta<M extends object>(table: { readonly options: { readonly meta?: M } }): M {
  const meta = table.options.meta;
  if (!meta) throw new Error("This table's columns read its meta: pass `meta` to <DataTable>.");
  return meta;
}

export type DataRowProps = HTMLAttributes<HTMLTableRowElement> & { "data-testid"?: string };

// Rows as cards below md (styles on the table so the rows need no classes).
const cards = [
  "max-md:block",
  "max-md:[&>tbody]:block max-md:[&>tbody]:space-y-3 max-md:[&>tbody]:bg-transparent",
  "max-md:[&>tbody>tr]:relative max-md:[&>tbody>tr]:block max-md:[&>tbody>tr]:rounded-lg max-md:[&>tbody>tr]:border max-md:[&>tbody>tr]:border-slate-200",
  "max-md:[&>tbody>tr]:bg-white max-md:[&>tbody>tr]:px-3 max-md:[&>tbody>tr]:py-2 max-md:[&>tbody>tr]:shadow-sm",
].join(" ");

export function DataTable<T extends RowData, M extends object = object>({
  columns,
  data,
  label,
  getRowId,
  meta,
  rowProps,
}: {
  /** Built with `dataColumnHelper<T, M>()` at module scope. */
  columns: ReadonlyArray<DataColumnDef<T, M>>;
  /** The rows to show (a server-paged list passes its current page). */
  data: ReadonlyArray<T>;
  /** The table's accessible name. */
  label: string;
  getRowId: (row: T) => string;
  /** What the cells read from the list (`tableMeta(table)`): permissions, callbacks, selection. */
  meta?: M;
  /** Attributes of a row's <tr>: `data-testid`, a click handler… */
  rowProps?: (row: T) => DataRowProps;
}) {
  const table = useTable({ features: features as DataTableFeatures<M>, columns, data, getRowId, meta });

  return (
    <div className="md:overflow-x-auto">
      <table aria-label={label} className={`w-full text-sm md:divide-y md:divide-slate-200 ${cards}`}>
        <thead className="bg-slate-50 max-md:sr-only">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const meta = header.column.columnDef.meta ?? {};
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={`px-3 py-2.5 text-left text-xs font-semibold first:pl-4 last:pr-4 uppercase tracking-wide text-slate-600 ${
                      meta.hide ? hideClass[meta.hide] : ""
                    } ${meta.headerClassName ?? ""}`}
                  >
                    {header.isPlaceholder ? null : meta.srOnly ? (
                      <span className="sr-only">
                        <FlexRender header={header} />
                      </span>
                    ) : (
                      <FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody className="bg-white md:divide-y md:divide-slate-100">
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} {...rowProps?.(row.original)}>
              {row.getAllCells().map((cell) => {
                const { header, meta = {} } = cell.column.columnDef;
                const label = meta.primary || meta.actions ? undefined : (meta.label ?? (typeof header === "string" ? header : undefined));
                return (
                  <Cell key={cell.id} meta={meta} label={label}>
                    <FlexRender cell={cell} />
                  </Cell>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A cell. `label` names it on a phone card; `primary` is the card's title line;
 * `actions` holds the row's "…" menu (top right of the card).
 */
function Cell({ children, meta, label }: { children: ReactNode; meta: DataColumnMeta; label?: string }) {
  const { actions, primary, hide, wrap, className = "" } = meta;
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

/** The primary cell of a row that opens a detail sheet: a real button (the row's click is a mouse shortcut). */
export function RowOpenButton({ onOpen, children }: { onOpen: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      className="text-left font-mono text-xs font-medium text-slate-900 hover:underline"
      onClick={(e) => {
        e.stopPropagation();
        onOpen();
      }}
    >
      {children}
    </button>
  );
}
