// The shell's header, sidebar, breadcrumbs and banner are `print:hidden` themselves (any page
// prints without them); a printable document also drops the page's grey background, which
// browsers would otherwise print when "background graphics" is on.
const printOnWhite = "print:[body:has(&)]:bg-[#fff]";

/** Renders nothing visible; marks the page as a printable document. */
export function PrintOnlyDocument() {
  return <span hidden aria-hidden className={printOnWhite} data-print-document />;
}
