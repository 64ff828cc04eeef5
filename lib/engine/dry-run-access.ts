// Who may run the dry run. It searches the CRM for any phone someone types in and answers the records it
// finds by name: for a VIEWER (who reads only this project's own events) that would be a free lookup into
// the whole CRM, and each run costs CRM calls. So ADMIN and up only; the Events page hides it for others.
import { hasRole, type Role } from "@/lib/auth/roles";
import { AppError } from "@/lib/errors";
import { simulateEvent, type Simulation } from "./simulate";

export const DRY_RUN_ROLE: Role = "ADMIN";

export function assertMayDryRun(role: Role): void {
  if (!hasRole(role, DRY_RUN_ROLE)) throw new AppError("FORBIDDEN", "The dry run is for the project's admins: it looks up CRM records by any phone.");
}

export async function dryRunAs(role: Role, project: Parameters<typeof simulateEvent>[0], raw: unknown): Promise<Simulation> {
  assertMayDryRun(role);
  return simulateEvent(project, raw);
}
