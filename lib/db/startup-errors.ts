// Start-up failures in words. node-postgres and node:net do not always carry a message: a refused
// connection to "localhost" is an AggregateError with an empty one (one error per address tried), and
// a rejected promise may carry nothing at all — which the launcher used to print as a bare `undefined`.

interface PgLikeError {
  message?: string;
  code?: string;
  detail?: string;
  hint?: string;
  errors?: unknown[];
}

/** PostgreSQL's own message (with its SQLSTATE, detail and hint) or the system error, never empty. */
export function describeError(error: unknown): string {
  if (error === undefined || error === null) return "an unknown error (nothing was thrown with it)";
  if (typeof error !== "object") return String(error);
  const { message, code, detail, hint, errors } = error as PgLikeError;
  if (!message && Array.isArray(errors) && errors.length) return [...new Set(errors.map(describeError))].join("; ");
  const parts = [message || code || String(error)];
  if (code && message && !message.includes(code)) parts[0] += ` (${code})`;
  if (detail) parts.push(`DETAIL: ${detail}`);
  if (hint) parts.push(`HINT: ${hint}`);
  return parts.join("\n");
}

// 57P01 admin_shutdown ("terminating connection due to administrator command"), 57P02 crash_shutdown,
// 57P03 cannot_connect_now ("the database system is starting up / shutting down"); and a server not
// listening yet or gone between two statements of a start-up.
const TRANSIENT_CODES = new Set(["57P01", "57P02", "57P03", "ECONNREFUSED", "ECONNRESET", "ENOENT", "EPIPE"]);

export function isTransientStartupError(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code, message, errors } = error as PgLikeError;
  if (code && TRANSIENT_CODES.has(code)) return true;
  if (Array.isArray(errors) && errors.length && errors.every(isTransientStartupError)) return true;
  // node-postgres, on a statement after the server ended an idle connection: "Client has encountered a
  // connection error and is not queryable".
  return /Connection terminated unexpectedly|connection error and is not queryable|the database system is (starting up|shutting down|not yet accepting)/i.test(message ?? "");
}

/** Runs a start-up step again while the server drops or refuses the connection (up to about 30 s). */
export async function retryWhileStarting<T>(step: () => Promise<T>, log?: (line: string) => void): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      const cause = (error as { cause?: unknown })?.cause;
      if (Date.now() > deadline || !(isTransientStartupError(error) || isTransientStartupError(cause))) throw error;
      if (attempt === 1) log?.(`The database dropped the connection while starting (${describeError(error)}); trying again…`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 200 * attempt)));
    }
  }
}
