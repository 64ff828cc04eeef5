// `npm run db:deploy` and `npm run db:migrate -- <name>` (see lib/db/migrate.ts for why not `prisma migrate`).
import { prepareEnv } from "./local-env";
import { answer, complain } from "./cli-output";

const [command, name] = process.argv.slice(2);
if (command !== "deploy" && command !== "migrate") {
  complain("usage: npm run db:deploy | npm run db:migrate -- <name>");
  process.exit(2);
}
if (command === "migrate" && !name) {
  complain("usage: npm run db:migrate -- <name>   (lower-case letters, digits and underscores, e.g. add_events)");
  process.exit(2);
}

const { env, stopDatabase } = await prepareEnv({ generateSecrets: !process.env.NEXTAUTH_SECRET });
const { createMigration, deployMigrations } = await import("../lib/db/migrate");
let code = 0;
try {
  if (command === "deploy") {
    const applied = await deployMigrations(env.DATABASE_URL);
    answer(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
  } else {
    const created = await createMigration(env.DATABASE_URL, name!);
    answer(created ? `Created and applied prisma/migrations/${created}` : "The schema has not changed: no migration created.");
  }
} catch (error) {
  complain(error instanceof Error ? error.message : String(error));
  code = 1;
} finally {
  await stopDatabase();
}
process.exit(code);
