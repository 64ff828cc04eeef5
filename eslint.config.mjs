import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { restrictedImportConfigs } from "./scripts/layers.mjs";

const config = [
  ...nextVitals,
  ...nextTs,
  // lib/ is built in floors; none imports one above it (README: Layers).
  ...restrictedImportConfigs(),
  { ignores: [".next/**", ".next-bench/**", "node_modules/**", "lib/generated/**", ".data/**", "scratch/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
];

export default config;
