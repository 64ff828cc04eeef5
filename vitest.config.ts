import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts"],
    // The standalone server's test runs on its own build, made just before by `npm run test:standalone`
    // (the last step of npm test): in the unit run it would meet whatever standalone build lies around.
    exclude: ["**/node_modules/**", ...(process.env.STANDALONE_REQUIRED === "1" ? [] : ["scripts/standalone.test.ts"])],
    environment: "node",
    // A throwaway PostgreSQL per run (never the demo data), migrated before any test file starts.
    globalSetup: ["testing/global-setup.ts"],
    setupFiles: ["testing/setup-env.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
