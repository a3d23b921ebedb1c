import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "ioredis"],
  poweredByHeader: false,
  // CI type-checks the whole project (tests included) with `tsc --noEmit`; no need to do it twice.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
