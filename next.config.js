// Validates the environment before anything starts (lib/env.ts names what is missing or malformed).
import { tsImport } from "tsx/esm/api";

const { parseEnv, EnvError } = await tsImport("./lib/env.ts", import.meta.url);
try {
  parseEnv();
} catch (error) {
  if (error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}

// The benchmark's own no-op routes (app/api/bench/**/route.bench.ts) exist only in the build that
// `npm run bench` makes with BENCH_ROUTES=on, kept apart in .next-bench; the product's build never has them.
const benchBuild = process.env.BENCH_ROUTES === "on";

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  pageExtensions: benchBuild ? ["bench.ts", "tsx", "ts", "jsx", "js"] : ["tsx", "ts", "jsx", "js"],
  distDir: benchBuild ? ".next-bench" : ".next",
  poweredByHeader: false,
  // Native-ish and Node-only packages stay outside the server bundle; so does the OpenTelemetry SDK (its
  // exporters load modules at run time that a bundle would not have).
  serverExternalPackages: ["pg", "pg-boss", "@prisma/adapter-pg", "bcryptjs", "@opentelemetry/sdk-node", "@opentelemetry/exporter-trace-otlp-http"],
  // The container image runs `node .next/standalone/server.js` (NEXT_OUTPUT=standalone, set by the
  // Dockerfile and scripts/standalone.ts). Off otherwise, so the build `next start` serves for the launcher
  // and the e2e tests stays as it was (no copy of the traced node_modules under .next/standalone); a
  // standalone build was checked to still start with `next start` too.
  ...(process.env.NEXT_OUTPUT === "standalone" ? { output: "standalone" } : {}),
  // Server actions read their bodies as a stream and stop past this size (413), like lib/net/limited-body.ts
  // does for the routes; the largest form (a stop-list pasted in bulk) stays far below it.
  experimental: { serverActions: { bodySizeLimit: "512kb" } },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          // Browsers keep to https for two years once they have seen this over https (ignored on http).
          ...(process.env.NODE_ENV === "production" ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }] : []),
        ],
      },
    ];
  },
};

export default nextConfig;
