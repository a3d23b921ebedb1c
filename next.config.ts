import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  // pdfkit reads its standard fonts from its own package folder at run time: kept out of the bundle.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "ioredis", "pdfkit"],
  poweredByHeader: false,
  // CI type-checks the whole project (tests included) with `tsc --noEmit`; no need to do it twice.
  typescript: { ignoreBuildErrors: true },
  // Static security headers on every response: pages, /api (next-auth and 404s included), static files.
  // Pages add their nonce-based CSP in proxy.ts; /api and /.well-known get a "load nothing, frame nothing" CSP here,
  // so the benchmarked API paths never run the proxy. (A header set here wins over one a route sets.)
  async headers() {
    const everywhere = [
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "X-Frame-Options", value: "DENY" },
    ];
    const apiPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    return [
      { source: "/:path*", headers: everywhere },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: apiPolicy }] },
      { source: "/.well-known/:path*", headers: [{ key: "Content-Security-Policy", value: apiPolicy }] },
    ];
  },
};

export default nextConfig;
