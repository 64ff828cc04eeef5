// Admin CLI: `npm run admin -- <command> [flags]`. Bad or missing flags print usage and exit 2.
import { parseArgs } from "node:util";
import { AppError, isAppError } from "../lib/errors";
import { describeError, retryWhileStarting } from "../lib/db/startup-errors";
import { prepareEnv } from "./local-env";
import { answer, complain } from "./cli-output";

const USAGE = `Usage:
  npm run admin -- create-project --name NAME --country CC --timezone ZONE
      Creates a project and prints {"projectKey","apiToken","webhookSecret"} as JSON.
  npm run admin -- list-projects
      Lists every project (key, name, CRM, status, events, members) as JSON.
  npm run admin -- delete-project --project KEY --confirm KEY
      Deletes the project with its events, connection, configuration and tokens; --confirm repeats the key.
  npm run admin -- create-user --email E --password P --project KEY --role OWNER|ADMIN|VIEWER [--name NAME]
      Creates the user (or updates their password) and gives them the role in the project.
  npm run admin -- list-tokens --project KEY
      Lists the project's API tokens (never the tokens themselves) as JSON.
  npm run admin -- create-token --project KEY --name NAME --role ADMIN|VIEWER
      Creates an API token and prints {"token","summary"}: the token is shown only this once.
  npm run admin -- rotate-token --project KEY --id ID
      Replaces the token with a new one of the same name and role; the old one stops working at once.
  npm run admin -- revoke-token --project KEY --id ID
      Revokes the token at once.

Without DATABASE_URL the local embedded database under .data/ is used.`;

const COMMANDS = {
  "create-project": { name: { type: "string" }, country: { type: "string" }, timezone: { type: "string" } },
  "create-user": {
    email: { type: "string" },
    password: { type: "string" },
    project: { type: "string" },
    role: { type: "string" },
    name: { type: "string" },
  },
  "list-projects": {},
  "delete-project": { project: { type: "string" }, confirm: { type: "string" } },
  "list-tokens": { project: { type: "string" } },
  "create-token": { project: { type: "string" }, name: { type: "string" }, role: { type: "string" } },
  "rotate-token": { project: { type: "string" }, id: { type: "string" } },
  "revoke-token": { project: { type: "string" }, id: { type: "string" } },
} as const;
type Command = keyof typeof COMMANDS;
const REQUIRED: Record<Command, string[]> = {
  "create-project": ["name", "country", "timezone"],
  "create-user": ["email", "password", "project", "role"],
  "list-projects": [],
  "delete-project": ["project", "confirm"],
  "list-tokens": ["project"],
  "create-token": ["project", "name", "role"],
  "rotate-token": ["project", "id"],
  "revoke-token": ["project", "id"],
};

function usage(problem: string): never {
  complain(`${problem}\n\n${USAGE}`);
  process.exit(2);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === "--help" || command === "help") usage(command ? "Commands:" : "No command given.");
  if (!(command in COMMANDS)) usage(`Unknown command "${command}".`);
  const name = command as Command;
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({ args: rest, options: COMMANDS[name], strict: true, allowPositionals: false }).values as Record<string, string | undefined>;
  } catch (error) {
    usage((error as Error).message);
  }
  const missing = REQUIRED[name].filter((flag) => !values[flag]);
  if (missing.length) usage(`Missing ${missing.map((flag) => `--${flag}`).join(", ")}.`);

  let exitCode = 0;
  const { stopDatabase } = await prepareEnv({ generateSecrets: !process.env.NEXTAUTH_SECRET });
  const { deployMigrations } = await import("../lib/db/migrate");
  const { disconnectDb } = await import("../lib/db/client");
  try {
    // A cluster another process is starting or restarting may drop the first connection: try again.
    await retryWhileStarting(() => deployMigrations(process.env.DATABASE_URL!), complain);
    if (name === "create-project") {
      const { createProject } = await import("../lib/projects/create-project");
      const created = await createProject({ name: values.name, defaultCountry: values.country, timezone: values.timezone }, { actor: "cli" });
      answer(JSON.stringify(created));
    } else if (name === "list-projects") {
      const { listAllProjects } = await import("../lib/db/queries/projects");
      answer(JSON.stringify(await listAllProjects()));
    } else if (name === "delete-project") {
      const { deleteProject } = await import("../lib/projects/delete-project");
      answer(JSON.stringify(await deleteProject(values.project!, values.confirm)));
    } else if (name.endsWith("-token") || name === "list-tokens") {
      answer(JSON.stringify(await tokenCommand(name, values)));
    } else {
      const { createUser } = await import("../lib/projects/create-user");
      const created = await createUser(
        { email: values.email, password: values.password, projectKey: values.project, role: values.role?.toUpperCase(), name: values.name },
        { actor: "cli" },
      );
      answer(JSON.stringify(created));
    }
  } catch (error) {
    if (isAppError(error)) {
      const details = error.issues.map((issue) => `  --${flagFor(issue.path)}: ${issue.message}`).join("\n");
      complain(`${error.message}${details ? `\n${details}` : ""}`);
      exitCode = error.code === "VALIDATION" ? 2 : 1;
    } else {
      complain(describeError(error));
      exitCode = 1;
    }
  } finally {
    await disconnectDb();
    await stopDatabase();
  }
  // Exit explicitly: the embedded database's exit hook would otherwise decide the exit code.
  process.exit(exitCode);
}

async function tokenCommand(name: Command, values: Record<string, string | undefined>) {
  const { findProjectByKey } = await import("../lib/db/queries/projects");
  const tokens = await import("../lib/projects/api-tokens");
  const project = await findProjectByKey(values.project!);
  if (!project) throw new AppError("NOT_FOUND", `No project with key "${values.project}".`);
  const who = { userId: null, actor: "cli" };
  if (name === "list-tokens") return tokens.apiTokensOf(project);
  if (name === "create-token") return tokens.createApiToken(project, { name: values.name, role: values.role?.toUpperCase() }, who);
  if (name === "rotate-token") return tokens.rotateApiToken(project, values.id!, who);
  await tokens.revokeApiToken(project, values.id!, who);
  return { revoked: values.id };
}

function flagFor(path: string): string {
  return ({ defaultCountry: "country", projectKey: "project" } as Record<string, string>)[path] ?? path;
}

await main();
