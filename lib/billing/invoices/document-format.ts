import { z } from "zod";

// GET /billing/invoices/{id} answers JSON, or the same invoice as a document:
// `{id}.pdf` / `{id}.csv` name the file outright; then `?format=pdf|csv`;
// otherwise the Accept header decides by q-value, and anything it does not
// name (or no header) is JSON.

export const documentFormats = ["json", "pdf", "csv"] as const;
export type DocumentFormat = (typeof documentFormats)[number];

export const InvoiceDocumentQuery = z.object({
  format: z
    .enum(documentFormats)
    .optional()
    .describe("`pdf` or `csv` for a download instead of JSON; takes precedence over the Accept header (application/pdf, text/csv)"),
});

const MEDIA: Record<string, DocumentFormat> = {
  "application/json": "json",
  "application/*": "json",
  "*/*": "json",
  "application/pdf": "pdf",
  "text/csv": "csv",
};

/** The format an Accept header prefers among ours (ties: the order it lists them). */
export function negotiateFormat(format: DocumentFormat | undefined, accept: string | null): DocumentFormat {
  if (format) return format;
  if (!accept) return "json";
  let best: { f: DocumentFormat; q: number } | null = null;
  for (const part of accept.split(",")) {
    const [type, ...params] = part.trim().toLowerCase().split(";");
    const f = MEDIA[type.trim()];
    if (!f) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    // A wildcard only stands in for JSON when nothing more specific outranks it.
    const weight = type.includes("*") ? q - 0.0001 : q;
    if (!best || weight > best.q) best = { f, q: weight };
  }
  return best?.f ?? "json";
}

const SUFFIX = /\.(pdf|csv)$/i;

/** `<id>.pdf` / `<id>.csv`, the path forms of the documents: the id, and the format its suffix names (none: the id as given). */
export function splitDocumentSuffix(segment: string): { id: string; format?: "pdf" | "csv" } {
  const m = SUFFIX.exec(segment);
  if (!m) return { id: segment };
  return { id: segment.slice(0, m.index), format: m[1].toLowerCase() as "pdf" | "csv" };
}
