import PDFDocument from "pdfkit";
import { formatCents } from "../money";
import { periodBounds } from "../period";
import type { Invoice } from "../schemas";
import { lineDetail, quantityLabel, unitLabel } from "./line-detail";

// The invoice as a PDF, built in memory with pdfkit's standard fonts (no font
// files to ship). Those fonts only encode Windows-1252, so every string is
// passed through `pdfText` first: anything else would be written as bytes the
// viewer shows as garbage.

export type InvoiceParty = {
  name: string;
  country: string | null;
  website: string | null;
  billingContact: { name: string; email: string } | null;
};

const PLATFORM = "Portico";
const MARGIN = 50;
const COLS = { description: 255, quantity: 75, unit: 80, amount: 85 };
const GREY = "#555555";
const RULE = "#cccccc";

// The characters Windows-1252 places in 0x80–0x9F, which pdfkit maps for the standard fonts.
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
// Letters with a stroke have no decomposition to fall back on.
const STROKED: Record<string, string> = { Ł: "L", ł: "l", Đ: "D", đ: "d", Ħ: "H", ħ: "h", ı: "i", Ŧ: "T", ŧ: "t" };

export function pdfText(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0)) out += " ";
    else if (code <= 0xff || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (STROKED[ch]) out += STROKED[ch];
    else {
      // "ő" → "o": the base letter when the character decomposes to one the font has.
      const base = ch.normalize("NFKD")[0];
      out += base && base.codePointAt(0)! <= 0xff ? base : "?";
    }
  }
  return out;
}

const dateFmt = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" });
const monthFmt = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", timeZone: "UTC" });
const day = (iso: string | null) => (iso ? dateFmt.format(new Date(iso)) : "—");

export function periodLabel(period: string): string {
  return monthFmt.format(periodBounds(period).start);
}

export async function invoicePdf(invoice: Invoice, party: InvoiceParty | null): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    bufferPages: true,
    // Fixed dates keep the document the same each time it is downloaded.
    info: {
      Title: pdfText(`Invoice ${invoice.number}`),
      Author: PLATFORM,
      Subject: pdfText(`${PLATFORM} invoice for ${periodLabel(invoice.period)}`),
      CreationDate: new Date(invoice.issuedAt),
      ModDate: new Date(invoice.issuedAt),
    },
  });
  const chunks: Uint8Array[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Uint8Array) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const money = (c: number) => formatCents(c, invoice.currency);
  const left = MARGIN;
  const width = doc.page.width - 2 * MARGIN;
  const right = left + width;
  const text = (s: string) => pdfText(s);

  // Header: who issues it, and the document's facts on the right.
  doc.font("Helvetica-Bold").fontSize(22).fillColor("black").text(PLATFORM, left, MARGIN);
  doc.font("Helvetica").fontSize(9).fillColor(GREY).text("Partner platform billing", left, doc.y);
  doc.font("Helvetica-Bold").fontSize(18).fillColor("black").text("INVOICE", left, MARGIN, { width, align: "right" });
  const facts: [string, string][] = [
    ["Number", invoice.number],
    ["Period", periodLabel(invoice.period)],
    ["Issued", day(invoice.issuedAt)],
    ["Due", day(invoice.dueAt)],
    ["Status", invoice.status.toUpperCase()],
  ];
  if (invoice.paidAt) facts.push(["Paid", day(invoice.paidAt)]);
  if (invoice.voidedAt) facts.push(["Voided", day(invoice.voidedAt)]);
  let y = MARGIN + 26;
  for (const [label, value] of facts) {
    doc.font("Helvetica").fontSize(9).fillColor(GREY).text(label, right - 200, y, { width: 80 });
    doc.font("Helvetica-Bold").fontSize(9).fillColor("black").text(text(value), right - 120, y, { width: 120, align: "right" });
    y += 13;
  }

  // Bill to.
  y = Math.max(y, doc.y) + 18;
  doc.font("Helvetica").fontSize(9).fillColor(GREY).text("BILL TO", left, y);
  doc.font("Helvetica-Bold").fontSize(11).fillColor("black").text(text(party?.name ?? invoice.partnerId), left, doc.y + 2, { width: width / 2 });
  doc.font("Helvetica").fontSize(9);
  if (party?.billingContact) doc.text(text(`${party.billingContact.name} <${party.billingContact.email}>`), { width: width / 2 });
  if (party?.website) doc.text(text(party.website), { width: width / 2 });
  if (party?.country) doc.text(text(party.country), { width: width / 2 });
  doc.fillColor(GREY).text(`Partner ID ${invoice.partnerId}`, { width: width / 2 });

  // Lines.
  y = doc.y + 20;
  const x = {
    description: left,
    quantity: left + COLS.description,
    unit: left + COLS.description + COLS.quantity,
    amount: left + COLS.description + COLS.quantity + COLS.unit,
  };
  const header = () => {
    doc.font("Helvetica-Bold").fontSize(9).fillColor("black");
    doc.text("Description", x.description, y, { width: COLS.description - 10 });
    doc.text("Quantity", x.quantity, y, { width: COLS.quantity, align: "right" });
    doc.text("Unit price", x.unit, y, { width: COLS.unit, align: "right" });
    doc.text("Amount", x.amount, y, { width: COLS.amount, align: "right" });
    y += 14;
    doc.moveTo(left, y).lineTo(right, y).strokeColor("black").lineWidth(0.75).stroke();
    y += 6;
  };
  const bottom = () => doc.page.height - MARGIN - 30;
  header();
  for (const line of invoice.lines) {
    const description = text(line.description);
    const detail = lineDetail(line, invoice.currency);
    doc.font("Helvetica").fontSize(9);
    const descHeight = doc.heightOfString(description, { width: COLS.description - 10 });
    doc.fontSize(7.5);
    const detailHeight = detail ? doc.heightOfString(text(detail), { width: COLS.description - 10 }) + 2 : 0;
    const height = descHeight + detailHeight;
    if (y + height > bottom()) {
      doc.addPage();
      y = MARGIN;
      header();
    }
    doc.font("Helvetica").fontSize(9).fillColor("black");
    doc.text(description, x.description, y, { width: COLS.description - 10 });
    doc.text(quantityLabel(line), x.quantity, y, { width: COLS.quantity, align: "right" });
    doc.text(text(unitLabel(line, invoice.currency)), x.unit, y, { width: COLS.unit, align: "right" });
    doc.text(text(money(line.amountCents)), x.amount, y, { width: COLS.amount, align: "right" });
    if (detail) doc.fontSize(7.5).fillColor(GREY).text(text(detail), x.description, y + descHeight + 2, { width: COLS.description - 10 });
    y += height + 6;
    doc.moveTo(left, y - 3).lineTo(right, y - 3).strokeColor(RULE).lineWidth(0.5).stroke();
  }
  if (!invoice.lines.length) {
    doc.font("Helvetica").fontSize(9).fillColor(GREY).text("No charges.", x.description, y);
    y += 16;
  }

  // Totals.
  if (y + 70 > bottom()) {
    doc.addPage();
    y = MARGIN;
  }
  y += 6;
  const totals: [string, number, boolean][] = [
    ["Subtotal", invoice.subtotalCents, false],
    ["Tax", invoice.taxCents, false],
    [`Total (${invoice.currency})`, invoice.totalCents, true],
  ];
  for (const [label, cents, bold] of totals) {
    doc.font(bold ? "Helvetica-Bold" : "Helvetica").fontSize(bold ? 11 : 9).fillColor("black");
    doc.text(text(label), x.unit - 60, y, { width: COLS.unit + 60, align: "right" });
    doc.text(text(money(cents)), x.amount, y, { width: COLS.amount, align: "right" });
    y += bold ? 18 : 14;
  }

  // What happened to it.
  y += 10;
  doc.font("Helvetica").fontSize(9).fillColor(GREY);
  if (invoice.status === "paid") doc.text(text(`Paid on ${day(invoice.paidAt)}, reference ${invoice.paymentReference ?? "—"}.`), left, y, { width });
  else if (invoice.status === "void") doc.text(text(`Void since ${day(invoice.voidedAt)}: ${invoice.voidReason ?? ""}. Nothing is owed on this invoice.`), left, y, { width });
  else doc.text(text(`Please pay ${money(invoice.totalCents)} by ${day(invoice.dueAt)}, quoting ${invoice.number}.`), left, y, { width });

  // Footer on every page; the bottom margin is lifted so writing there does not start a new page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const margins = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font("Helvetica")
      .fontSize(7.5)
      .fillColor(GREY)
      .text(`${PLATFORM} · ${invoice.number} · page ${i - range.start + 1} of ${range.count}`, left, doc.page.height - MARGIN + 10, { width, align: "center" });
    doc.page.margins.bottom = margins;
  }
  doc.end();
  return done;
}
