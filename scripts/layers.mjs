// The floors of lib/, lowest first (README: "Layers"). A unit (a folder of lib/, or a file directly in it)
// may import its own floor and the floors below, never one above; app/, components/ and scripts/ sit on
// top. `npm run lint` enforces it twice: ESLint's no-restricted-imports (editor feedback, from
// restrictedImportConfigs) and scripts/check-layers.mjs (the whole graph: no import upward, no cycle
// between folders). Tests may import anything.
export const LAYERS = [
  {
    name: "base",
    why: "no knowledge of the product's data: environment, errors, messages, validation, caches, phones, logs, network rules",
    units: ["generated", "env", "errors", "i18n", "validation", "cache", "phone", "observability", "crypto", "net", "navigation"],
  },
  { name: "jobs", why: "the job engine (pg-boss) the database's queries write jobs with", units: ["jobs"] },
  { name: "storage", why: "Prisma client, queries and migrations", units: ["db"] },
  { name: "crm", why: "the CRM connectors, one folder and descriptor per CRM", units: ["connectors"] },
  { name: "services", why: "quotas, sign-in, mail, alerts and the stop-list, each on storage and connectors", units: ["quotas", "auth", "mail", "alerts", "stop-list"] },
  { name: "domain", why: "configuration, connecting a CRM, the event store", units: ["config", "integrations", "events"] },
  { name: "engine", why: "delivery and responsible-manager routing", units: ["engine", "routing"] },
  {
    name: "edges",
    why: "what the app's pages, actions and routes call: the API, actions, page data, replay, projects, the sandbox CRMs",
    units: ["api", "actions", "pages", "overview", "projects", "replay", "sandbox", "audit"],
  },
];

const floorOf = new Map(LAYERS.flatMap((layer, index) => layer.units.map((unit) => [unit, index])));
export const floorOfUnit = (unit) => floorOf.get(unit);

/** Import specifiers that reach a unit: by alias, and relatively from one or two folders down. */
const specifiersOf = (unit) => [`@/lib/${unit}`, `@/lib/${unit}/**`, `**/lib/${unit}/**`, `../${unit}`, `../${unit}/**`, `../../${unit}/**`];

// Test helpers (testing/) and the e2e specs are not part of the product: nothing the build ships imports them.
const TEST_ONLY = { group: ["@/testing/**", "**/testing/**", "@/e2e/**", "**/e2e/**"], message: "testing/ and e2e/ are for tests only; the production build may not import them." };
const TESTS = ["**/*.test.ts", "**/*.test.tsx"];
// Only lib/db talks to Prisma: its JSON types and the casts to and from them stay in lib/db/json.ts.
const PRISMA = { group: ["@/lib/generated/prisma/client", "**/generated/prisma/client"], message: "Only lib/db imports the Prisma client; pass plain objects and read typed values (lib/db/json.ts)." };

/** ESLint flat-config entries: each floor's files may not import a floor above, nor the app's UI, nor test helpers. */
export function restrictedImportConfigs() {
  const app = { files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "proxy.ts"], ignores: TESTS, rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [TEST_ONLY, PRISMA] }] } };
  return [app, ...LAYERS.map((layer, index) => {
    const above = LAYERS.slice(index + 1).flatMap((upper) => upper.units);
    const files = layer.units.flatMap((unit) => [`lib/${unit}/**/*.{ts,tsx}`, `lib/${unit}.ts`]);
    return {
      files,
      ignores: TESTS,
      rules: {
        "@typescript-eslint/no-restricted-imports": [
          "error",
          {
            patterns: [
              ...(above.length
                ? [{ group: above.flatMap(specifiersOf), message: `lib/ floor "${layer.name}" may not import a floor above it (README: Layers; scripts/layers.mjs).` }]
                : []),
              { group: ["@/app/**", "@/components/**"], message: "lib/ may not import the app's pages or components." },
              TEST_ONLY,
              ...(layer.units.includes("db") ? [] : [PRISMA]),
            ],
          },
        ],
      },
    };
  })];
}
