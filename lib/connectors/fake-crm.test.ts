// A third CRM kind is added in one folder: registering a test-only fake kind in CrmKinds makes the
// compiler name the places that still need it, and those are the database enum's check, the kind's
// credentials and the CRM registry in lib/connectors, and the Integration page's form registry — no
// branch on the kind anywhere else in the app.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const scratch = mkdtempSync(path.join(tmpdir(), "callbridge-fake-crm-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The fake kind, only in this test's compilation. */
const FAKE_KIND = `import "@/lib/db/crm-kind";
declare module "@/lib/db/crm-kind" {
  interface CrmKinds {
    fake: true;
  }
}
`;

async function compileWith(extra: string | null) {
  const files = [];
  if (extra !== null) {
    writeFileSync(path.join(scratch, "fake-kind.ts"), extra);
    files.push(path.join(scratch, "fake-kind.ts"));
  }
  const config = path.join(scratch, extra === null ? "tsconfig.plain.json" : "tsconfig.fake.json");
  writeFileSync(config, JSON.stringify({ extends: path.join(root, "tsconfig.json"), compilerOptions: { incremental: false, noEmit: true }, files }));
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  const result = await promisify(execFile)(process.execPath, [tsc, "-p", config, "--pretty", "false"], { cwd: root, maxBuffer: 16 * 1024 * 1024 }).then(
    (done) => ({ out: done.stdout }),
    (failed: { stdout?: string }) => ({ out: failed.stdout ?? "" }),
  );
  const errors = result.out.split("\n").filter((line) => /: error TS\d+:/.test(line));
  return { errors, files: [...new Set(errors.map((line) => line.slice(0, line.indexOf("("))))].sort() };
}

describe("a new CRM kind", () => {
  it("compiles cleanly as the app is", async () => {
    expect((await compileWith(null)).errors).toEqual([]);
  }, 240_000);

  it("is missing from the database enum, its credentials, the CRM registry and the connect forms only", async () => {
    const { errors, files } = await compileWith(FAKE_KIND);
    expect(files).toEqual(["components/integration/connect-forms.tsx", "lib/connectors/registry.ts", "lib/connectors/types.ts", "lib/db/crm-kind.ts"]);
    // Each place names the missing kind, not some unrelated breakage.
    for (const file of files) expect(errors.some((line) => line.startsWith(file) && line.includes("fake")), file).toBe(true);
  }, 240_000);
});
