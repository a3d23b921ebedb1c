"use client";

import { ChevronLeft, ChevronRight, ImageOff, X } from "lucide-react";
import { Dialog as D } from "radix-ui";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";

// A listing's screenshots: a grid of thumbnails (wrapping: a sideways scroller would hide
// some), each opening the lightbox (a Radix dialog: focus trapped, Escape closes, the page
// inert). ← and → move between shots, wrapping around; on close, focus goes to the thumbnail
// of the shot last shown.

/** A partner's image, or a plain placeholder when it does not load (checked after hydration too). */
function Shot({ src, alt, className, placeholderClassName = className }: { src: string; alt: string; className: string; placeholderClassName?: string }) {
  const [failed, setFailed] = useState(false);
  const img = useRef<HTMLImageElement>(null);
  useEffect(() => {
    const el = img.current;
    if (el?.complete && el.naturalWidth === 0) setFailed(true);
  }, [src]);
  if (failed) {
    return (
      <span {...(alt ? { role: "img", "aria-label": `${alt} (could not be loaded)` } : { "aria-hidden": true })} className={`${placeholderClassName} flex flex-col items-center justify-center gap-1 bg-slate-100 text-xs text-slate-600`}>
        <ImageOff aria-hidden className="size-5" />
        <span aria-hidden>Image unavailable</span>
      </span>
    );
  }
  // eslint-disable-next-line @next/next/no-img-element -- partner screenshots from their own hosts, sizes unknown
  return <img ref={img} src={src} alt={alt} onError={() => setFailed(true)} className={className} />;
}

export function ListingScreenshots({ name, screenshots }: { name: string; screenshots: string[] }) {
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState(0);
  const thumbs = useRef<(HTMLButtonElement | null)[]>([]);
  const total = screenshots.length;
  if (total === 0) return <p className="text-sm text-slate-600">The partner has not added screenshots yet.</p>;

  const move = (by: number) => setCurrent((i) => (i + by + total) % total);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === "ArrowRight") {
      e.preventDefault();
      move(1);
    } else if (e.key === "ArrowLeft") {
      e.preventDefault();
      move(-1);
    }
  };
  const label = (i: number) => `${name} screenshot ${i + 1} of ${total}`;
  const nav = "rounded-full bg-white/90 p-2 text-slate-800 shadow ring-1 ring-slate-200 hover:bg-white";

  return (
    <>
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label={`${name} screenshots`}>
        {screenshots.map((src, i) => (
          <li key={`${i}-${src}`} className="min-w-0">
            <button
              type="button"
              ref={(el) => {
                thumbs.current[i] = el;
              }}
              onClick={() => {
                setCurrent(i);
                setOpen(true);
              }}
              aria-label={`Open ${label(i)}`}
              aria-haspopup="dialog"
              className="block w-full overflow-hidden rounded-md border border-slate-200 bg-white shadow-sm transition hover:border-brand-500"
            >
              <Shot src={src} alt="" className="aspect-[16/10] w-full object-cover" />
            </button>
          </li>
        ))}
      </ul>

      <D.Root open={open} onOpenChange={setOpen}>
        <D.Portal>
          <D.Overlay className="modal-backdrop z-50" />
          <D.Content
            aria-describedby={undefined}
            onKeyDown={onKeyDown}
            onCloseAutoFocus={(e) => {
              const thumb = thumbs.current[current];
              if (thumb?.isConnected) {
                e.preventDefault();
                thumb.focus();
              }
            }}
            className="fixed inset-2 z-50 flex flex-col rounded-lg bg-white text-slate-900 shadow-xl outline-none sm:inset-6 lg:inset-10"
          >
            <div className="flex items-center justify-between gap-4 border-b border-slate-200 px-4 py-2.5">
              <D.Title className="min-w-0 truncate text-sm font-semibold">
                {name}: screenshot {current + 1} of {total}
              </D.Title>
              <D.Close aria-label="Close" className="-mr-1 rounded-md p-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900">
                <X aria-hidden className="size-5" />
              </D.Close>
            </div>
            <div className="relative flex min-h-0 flex-1 items-center justify-center bg-slate-50 p-3 sm:p-6">
              <Shot
                key={current}
                src={screenshots[current]}
                alt={label(current)}
                className="max-h-full max-w-full rounded object-contain"
                placeholderClassName="aspect-[16/10] w-full max-w-3xl max-h-full rounded-md border border-slate-200"
              />
              {total > 1 && (
                <>
                  <button type="button" onClick={() => move(-1)} aria-label="Previous screenshot" className={`${nav} absolute top-1/2 left-2 -translate-y-1/2 sm:left-4`}>
                    <ChevronLeft aria-hidden className="size-5" />
                  </button>
                  <button type="button" onClick={() => move(1)} aria-label="Next screenshot" className={`${nav} absolute top-1/2 right-2 -translate-y-1/2 sm:right-4`}>
                    <ChevronRight aria-hidden className="size-5" />
                  </button>
                </>
              )}
            </div>
            {total > 1 && (
              <p className="border-t border-slate-200 px-4 py-2 text-center text-xs text-slate-600">
                Use <kbd className="rounded border border-slate-300 px-1 font-sans">←</kbd> and{" "}
                <kbd className="rounded border border-slate-300 px-1 font-sans">→</kbd> to move between screenshots.
              </p>
            )}
            <p aria-live="polite" className="sr-only">
              {`Screenshot ${current + 1} of ${total}`}
            </p>
          </D.Content>
        </D.Portal>
      </D.Root>
    </>
  );
}
