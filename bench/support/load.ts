import autocannon from "autocannon";

export type LoadResult = { rps: number; p50: number; p99: number; ok: number; non2xx: number; errors: number; timeouts: number };

export async function load(opts: {
  url: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
  rate?: number;
  /** With a rate: send exactly rate × seconds requests and wait for every answer (no requests cut off in flight). */
  exact?: boolean;
}): Promise<LoadResult> {
  const r = await autocannon({
    url: opts.url,
    headers: opts.headers,
    connections: opts.connections,
    ...(opts.exact && opts.rate ? { amount: opts.rate * opts.seconds } : { duration: opts.seconds }),
    ...(opts.rate ? { overallRate: opts.rate } : {}),
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r["2xx"],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);
