import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { partnerContacts, partners } from "@/db/schema";
import type { Principal } from "@/lib/auth/principal";
import { Reply } from "@/lib/http/reply";
import type { Invoice } from "../schemas";
import { negotiateFormat, splitDocumentSuffix, type DocumentFormat } from "./document-format";
import { invoiceCsv } from "./invoice-csv";
import { getInvoice } from "./invoice-item";
import { invoicePdf, type InvoiceParty } from "./invoice-pdf";

/** Who the invoice is addressed to, as the partners table knows them. */
export async function invoiceParty(db: Db, partnerId: string): Promise<InvoiceParty | null> {
  const [p] = await db
    .select({ name: partners.name, country: partners.country, website: partners.website })
    .from(partners)
    .where(eq(partners.id, partnerId));
  if (!p) return null;
  const [contact] = await db
    .select({ name: partnerContacts.name, email: partnerContacts.email })
    .from(partnerContacts)
    .where(and(eq(partnerContacts.partnerId, partnerId), eq(partnerContacts.kind, "billing")))
    .orderBy(desc(partnerContacts.isPrimary), partnerContacts.createdAt)
    .limit(1);
  return { ...p, billingContact: contact ?? null };
}

function download(body: Uint8Array | string, type: string, filename: string, requestId: string): Response {
  const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
  return new Response(bytes as BodyInit, {
    status: 200,
    headers: {
      "content-type": type,
      "content-length": String(bytes.byteLength),
      "content-disposition": `attachment; filename="${filename}"`,
      // A financial document: not for shared caches, and it changes when paid or voided.
      "cache-control": "private, no-store",
      vary: "Accept",
      "x-request-id": requestId,
    },
  });
}

/** The invoice (`<id>`, `<id>.pdf` or `<id>.csv`) in the format asked for: the Invoice as JSON, else a Response carrying the file. */
export async function invoiceInFormat(
  db: Db,
  principal: Principal,
  segment: string,
  opts: { format?: DocumentFormat; accept: string | null; requestId: string },
): Promise<Reply | Response> {
  const { id, format: named } = splitDocumentSuffix(segment);
  const invoice = await getInvoice(db, principal, id);
  const format = named ?? negotiateFormat(opts.format, opts.accept);
  // The number is `PRT-YYYYMM-NNNNNN`; anything else is reduced to safe characters for the header.
  const base = invoice.number.replace(/[^A-Za-z0-9._-]/g, "_");
  if (format === "pdf") {
    const pdf = await invoicePdf(invoice, await invoiceParty(db, invoice.partnerId));
    return download(pdf, "application/pdf", `${base}.pdf`, opts.requestId);
  }
  if (format === "csv") return download(invoiceCsv(invoice), "text/csv; charset=utf-8; header=present", `${base}.csv`, opts.requestId);
  return Reply.ok(invoice satisfies Invoice, { vary: "Accept" });
}
