// Checks lib/'s folder-level import graph against scripts/layers.mjs: every unit is on a floor, no import
// goes to a floor above, and no two folders import each other, even through others (part of `npm run lint`).
// Type-only imports count: a type from above is still knowledge from above.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { floorOfUnit, LAYERS } from "./layers.mjs";

const root = path.resolve(import.meta.dirname, "..");
const lib = path.join(root, "lib");
const IMPORT = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;

function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== "generated") yield* sources(full);
    } else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) yield full;
  }
}

/** lib/<folder>/… → folder; lib/<file>.ts → file. */
const unitOf = (file) => {
  const [first, ...rest] = path.relative(lib, file).split(path.sep);
  return rest.length ? first : first.replace(/\.(ts|tsx)$/, "");
};

const edges = new Map();
const problems = [];
const resolved = (file, specifier) =>
  specifier.startsWith("@/") ? path.join(root, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(file), specifier) : null;
const testOnly = [path.join(root, "testing"), path.join(root, "e2e")];

const prismaClient = path.join(lib, "generated", "prisma", "client");
const storage = path.join(lib, "db") + path.sep;

// What the build ships (app/, components/, lib/) never imports the test helpers or the e2e specs; only
// lib/db imports the Prisma client, so its JSON types and the casts to and from them stay there.
for (const dir of ["app", "components", "lib"])
  for (const file of sources(path.join(root, dir)))
    for (const match of readFileSync(file, "utf8").matchAll(IMPORT)) {
      const target = resolved(file, match[1] ?? match[2]);
      if (target && testOnly.some((folder) => target === folder || target.startsWith(folder + path.sep)))
        problems.push(`${path.relative(root, file)} imports ${match[1] ?? match[2]}: testing/ and e2e/ are for tests only`);
      if (target === prismaClient && !file.startsWith(storage))
        problems.push(`${path.relative(root, file)} imports the Prisma client: only lib/db may (its JSON types and casts stay in lib/db/json.ts)`);
    }

for (const file of sources(lib)) {
  const from = unitOf(file);
  const text = readFileSync(file, "utf8");
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2];
    const target = resolved(file, specifier);
    if (!target || !target.startsWith(lib + path.sep)) {
      if (specifier.startsWith("@/app/") || specifier.startsWith("@/components/")) problems.push(`${path.relative(root, file)} imports ${specifier}: lib/ may not import the app's pages or components`);
      continue;
    }
    const to = unitOf(target);
    if (to === from || to === "generated") continue;
    if (!edges.has(from)) edges.set(from, new Map());
    edges.get(from).set(to, path.relative(root, file));
  }
}

for (const [from, targets] of edges) {
  if (floorOfUnit(from) === undefined) problems.push(`lib/${from} is on no floor: add it to scripts/layers.mjs`);
  for (const [to, file] of targets) {
    if (floorOfUnit(to) === undefined) problems.push(`lib/${to} is on no floor: add it to scripts/layers.mjs`);
    else if (floorOfUnit(from) !== undefined && floorOfUnit(to) > floorOfUnit(from))
      problems.push(`${file} imports lib/${to}: floor "${LAYERS[floorOfUnit(from)].name}" may not import floor "${LAYERS[floorOfUnit(to)].name}" above it`);
  }
}

// Folder cycles (Tarjan's strongly connected components).
let index = 0;
const order = new Map();
const low = new Map();
const stack = [];
const onStack = new Set();
function visit(unit) {
  order.set(unit, index);
  low.set(unit, index++);
  stack.push(unit);
  onStack.add(unit);
  for (const next of edges.get(unit)?.keys() ?? []) {
    if (!order.has(next)) {
      visit(next);
      low.set(unit, Math.min(low.get(unit), low.get(next)));
    } else if (onStack.has(next)) low.set(unit, Math.min(low.get(unit), order.get(next)));
  }
  if (low.get(unit) !== order.get(unit)) return;
  const component = [];
  for (let member = stack.pop(); ; member = stack.pop()) {
    onStack.delete(member);
    component.push(member);
    if (member === unit) break;
  }
  if (component.length > 1) {
    const via = component.flatMap((a) => component.filter((b) => edges.get(a)?.has(b)).map((b) => `${edges.get(a).get(b)} → lib/${b}`));
    problems.push(`folders import each other: ${component.map((unit) => `lib/${unit}`).join(", ")} (${via.join("; ")})`);
  }
}
for (const unit of edges.keys()) if (!order.has(unit)) visit(unit);

if (problems.length) {
  console.error(`Layer check: ${problems.length} problem(s)\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  process.exit(1);
}
console.log(`Layer check: ${edges.size} lib units on ${LAYERS.length} floors, no import upward, no folder cycle.`);
