// A call log for another user, refused: "a user without account settings access cannot create call logs
// for other users" (https://developers.pipedrive.com/docs/api/v1/CallLogs#addCallLog — user_id). Pipedrive
// answers 403. Rather than failing the call, the log is filed under the token's own user with the
// employee named in its note, and the caller is told so (CallLogWritten.filedUnder) for the trace.
// Once refused, this account's token is known to file for itself only: later logs go there at once.
import { processShared } from "@/lib/cache/process-shared";
import { isPermanentError } from "@/lib/errors";

/** CRM accounts (per process) whose token may file call logs only for its own user. */
export const ownUserOnly = processShared("pipedrive-own-user-call-logs", () => new Set<string>());

/** Pipedrive's refusal of a call log for another user (and not, say, of a deal the user cannot see). */
export const refusedForOtherUser = (error: unknown) => isPermanentError(error) && error.details.status === 403;

export function fileUnderOwnUser(note: string | undefined, employee: { id: string; name?: string }, tokenUser: { id: string; name?: string }) {
  const who = employee.name ? `${employee.name} (Pipedrive user ${employee.id})` : `Pipedrive user ${employee.id}`;
  const reason = `Pipedrive does not let this API token's user (${tokenUser.name ?? tokenUser.id}) file call logs for other users; filed under that user. Employee: ${who}.`;
  return { note: [reason, note].filter(Boolean).join("\n"), reason };
}
