// A database of its own for a test file whose behaviour spans several processes: the workers it starts
// see only its jobs, and the other test files' drains never see them (vitest runs files side by side).
// Call at the top of the file, before anything opens a connection.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { deployMigrations } from "@/lib/db/migrate";

export async function openFreshDatabase(label: string): Promise<string> {
  const url = new URL(process.env.DATABASE_URL!);
  const name = `${label}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  await deployMigrations(url.toString());
  process.env.DATABASE_URL = url.toString();
  return url.toString();
}
