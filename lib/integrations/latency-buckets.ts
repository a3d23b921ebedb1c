// Request latency per integration and day is kept as a histogram, not as samples: counts in
// log-scale bands add up under concurrent flushes from any number of processes, and any
// percentile comes from them. Four bands per doubling: a band spans ±9 % around its middle,
// which is what p50/p99 can be off by. Band 0 holds everything under 1 ms.

export const BUCKETS_PER_DOUBLING = 4;
export const MAX_BUCKET = 127; // 2^31.75 ms: beyond any request timeout

export function bucketOf(ms: number): number {
  if (!(ms >= 1)) return 0;
  return Math.min(MAX_BUCKET, Math.floor(Math.log2(ms) * BUCKETS_PER_DOUBLING) + 1);
}

/** The band's geometric middle, in whole milliseconds. */
export function bucketValueMs(bucket: number): number {
  if (bucket <= 0) return 0;
  return Math.round(2 ** ((bucket - 0.5) / BUCKETS_PER_DOUBLING));
}

/** The q-quantile (0 < q ≤ 1) of a histogram {bucket → count}, or null when it is empty. */
export function quantileMs(histogram: Iterable<[number, number]>, q: number): number | null {
  const bands = [...histogram].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);
  const total = bands.reduce((s, [, n]) => s + n, 0);
  if (!total) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const [bucket, n] of bands) {
    seen += n;
    if (seen >= rank) return bucketValueMs(bucket);
  }
  return bucketValueMs(bands[bands.length - 1][0]);
}
