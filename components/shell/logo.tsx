import Link from "next/link";

/** The Portico mark (the same drawing as app/icon.svg) and name, linking home. */
export function Logo({ href = "/", hideNameOnPhone = false }: { href?: string; hideNameOnPhone?: boolean }) {
  return (
    <Link href={href} className="flex shrink-0 items-center gap-2 rounded-md font-semibold text-slate-900" aria-label="Portico home">
      <PorticoMark className="size-7" />
      <span className={hideNameOnPhone ? "hidden sm:inline" : ""}>Portico</span>
    </Link>
  );
}

export function PorticoMark({ className }: { className?: string }) {
  // Fixed colours on purpose: the mark looks the same in both themes, like the favicon.
  return (
    <svg viewBox="0 0 32 32" aria-hidden className={className}>
      <rect width="32" height="32" rx="7" fill="#2a55db" />
      <path d="M7 13 16 7l9 6" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M10 14.5v9M16 14.5v9M22 14.5v9M7.5 25h17" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" />
    </svg>
  );
}
