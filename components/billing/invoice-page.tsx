"use client";

import { ArrowLeft, FileDown, Printer } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Button } from "@/components/ui/button";
import { InvoiceDocument } from "./invoice-document";
import { PrintOnlyDocument } from "./print-only-document";
import { invoiceDownloadUrl, isNotFound, useInvoice } from "./queries";
import type { Invoice } from "./types";

const secondaryLink =
  "inline-flex items-center justify-center gap-1.5 rounded-md bg-white px-3.5 py-2 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-slate-300 hover:bg-slate-50";

/** One invoice: the way back, its downloads and Print above the document (none of which print). */
export function InvoicePage({ invoice: initial, partnerName }: { invoice: Invoice; partnerName: string }) {
  const query = useInvoice(initial);
  if (query.isError && isNotFound(query.error)) notFound();
  const invoice = query.data;
  return (
    // min-w-0 on every item: a grid item is at least as wide as its widest content otherwise, and
    // the lines table (which scrolls on a phone) would widen the page instead.
    <div className="grid gap-4 [&>*]:min-w-0">
      <PrintOnlyDocument />
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link href="/invoices" className="inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:underline">
          <ArrowLeft aria-hidden className="size-4" />
          All invoices
        </Link>
        <div className="flex flex-wrap gap-2">
          {/* Plain links: the API answers with the file (content-disposition: attachment), sent with the session cookie. */}
          <a href={invoiceDownloadUrl(invoice.id, "pdf")} download className={secondaryLink}>
            <FileDown aria-hidden className="size-4" />
            Download PDF
          </a>
          <a href={invoiceDownloadUrl(invoice.id, "csv")} download className={secondaryLink}>
            <FileDown aria-hidden className="size-4" />
            Download CSV
          </a>
          <Button variant="secondary" onClick={() => window.print()}>
            <Printer aria-hidden className="size-4" />
            Print
          </Button>
        </div>
      </div>
      <InvoiceDocument invoice={invoice} partnerName={partnerName} />
    </div>
  );
}
