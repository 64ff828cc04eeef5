// One process of the shared-token tests: makes the project's connector as a delivery does and sends CALLS
// calls at once, starting at START_AT (epoch ms) so that the processes of a test race each other.
// Prints "ready", then "done {ok, errors}", and exits.
import { projectConnector } from "@/lib/integrations/connect";

const found = await projectConnector(process.env.PROJECT_ID!);
if (!found) throw new Error("the project has no connection");
process.stdout.write("ready\n");
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(process.env.START_AT ?? 0) - Date.now())));
const results = await Promise.allSettled(Array.from({ length: Number(process.env.CALLS ?? 1) }, () => found.connector.listUsers()));
const errors = results.flatMap((result) => (result.status === "rejected" ? [String((result.reason as Error).message)] : []));
process.stdout.write(`done ${JSON.stringify({ ok: results.length - errors.length, errors })}\n`);
process.exit(0);
