"use client";

import { useState } from "react";

// A listing's logo, or its initial on a tinted square when it has none or the image does
// not load. Decorative: the name is always written beside it.

const tints = [
  "bg-brand-100 text-brand-700",
  "bg-emerald-100 text-emerald-800",
  "bg-amber-100 text-amber-800",
  "bg-violet-100 text-violet-800",
  "bg-rose-100 text-rose-800",
  "bg-cyan-100 text-cyan-800",
];

function tintFor(name: string): string {
  let h = 0;
  for (const ch of name) h = (h * 31 + ch.codePointAt(0)!) >>> 0;
  return tints[h % tints.length];
}

const sizes = { sm: "size-8 rounded-md text-sm", md: "size-12 rounded-lg text-lg", lg: "size-16 rounded-xl text-2xl" } as const;

export function ListingLogo({ name, url, size = "md" }: { name: string; url: string | null; size?: keyof typeof sizes }) {
  const [failed, setFailed] = useState<string | null>(null);
  if (url && failed !== url) {
    return (
      // eslint-disable-next-line @next/next/no-img-element -- partner logos from their own hosts, sizes unknown
      <img
        src={url}
        alt=""
        decoding="async"
        // An image that failed before hydration fires no onError: the ref sees it broken instead.
        ref={(img) => {
          if (img && img.complete && img.naturalWidth === 0) setFailed(url);
        }}
        onError={() => setFailed(url)}
        className={`${sizes[size]} shrink-0 border border-slate-200 bg-white object-contain`}
      />
    );
  }
  const initial = Array.from(name.trim())[0]?.toUpperCase() ?? "?";
  return (
    <span aria-hidden className={`${sizes[size]} grid shrink-0 place-items-center font-semibold ${tintFor(name)}`}>
      {initial}
    </span>
  );
}
