// `npm run db:deploy` and `npm run db:migrate -- <name>` (see lib/db/migrate.ts for why not `prisma migrate`).
import { prepareEnv } from "./local-env";

const [command, name] = process.argv.slice(2);
if (command !== "deploy" && command !== "migrate") {
  console.error("usage: npm run db:deploy | npm run db:migrate -- <name>");
  process.exit(2);
}
if (command === "migrate" && !name) {
  console.error("usage: npm run db:migrate -- <name>   (lower-case letters, digits and underscores, e.g. add_events)");
  process.exit(2);
}

const { env, stopDatabase } = await prepareEnv({ generateSecrets: !process.env.NEXTAUTH_SECRET });
const { createMigration, deployMigrations } = await import("../lib/db/migrate");
let code = 0;
try {
  if (command === "deploy") {
    const applied = await deployMigrations(env.DATABASE_URL);
    console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
  } else {
    const created = await createMigration(env.DATABASE_URL, name!);
    console.log(created ? `Created and applied prisma/migrations/${created}` : "The schema has not changed: no migration created.");
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await stopDatabase();
}
process.exit(code);
