/** The app page's shape while it loads: a title, a line, the tab bar and a card. */
export function AppPageSkeleton() {
  const bar = "animate-pulse rounded bg-slate-200";
  return (
    <div role="status" aria-live="polite">
      <span className="sr-only">Loading…</span>
      <div aria-hidden className="grid gap-6">
        <div className="grid gap-2">
          <div className={`${bar} h-7 w-64 max-w-full`} />
          <div className={`${bar} h-4 w-96 max-w-full`} />
        </div>
        <div className="flex gap-4 overflow-hidden border-b border-slate-200 pb-2">
          {[20, 16, 28, 24, 18].map((w, i) => (
            <div key={i} className={`${bar} h-4`} style={{ width: `${w * 4}px` }} />
          ))}
        </div>
        <div className="grid gap-3 rounded-lg border border-slate-200 bg-white p-5">
          <div className={`${bar} h-4 w-40`} />
          <div className={`${bar} h-9 w-full`} />
          <div className={`${bar} h-9 w-full`} />
          <div className={`${bar} h-24 w-full`} />
        </div>
      </div>
    </div>
  );
}
