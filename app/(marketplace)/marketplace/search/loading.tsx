import { ListingCardSkeleton } from "@/components/marketplace/listing-card";

export default function Loading() {
  return (
    <div role="status" aria-label="Loading apps">
      <div className="mb-5 space-y-2">
        <span className="block h-7 w-56 animate-pulse rounded bg-slate-200" />
        <span className="block h-4 w-80 max-w-full animate-pulse rounded bg-slate-100" />
      </div>
      <span className="mb-4 block h-10 max-w-2xl animate-pulse rounded-lg bg-slate-100" />
      <span className="mb-5 block h-12 max-w-xl animate-pulse rounded bg-slate-100" />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <ListingCardSkeleton key={i} />
        ))}
      </div>
    </div>
  );
}
