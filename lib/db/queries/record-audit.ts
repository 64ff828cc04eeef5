// The one way an audit entry is written: typed actions (the Audit page names each, lib/audit), before and
// after as JSON, inside the caller's transaction so the change and its record stand or fall together.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ConfigSection } from "@/lib/validation/config";

export type AuditAction =
  | "project.create"
  | "project.settings.update"
  | "project.webhook_secret.rotate"
  | "membership.create"
  | "membership.update"
  | "invitation.create"
  | "invitation.cancel"
  | "invitation.accept"
  | "apiToken.create"
  | "apiToken.rotate"
  | "apiToken.revoke"
  | "integration.connect"
  | "integration.activate"
  | "integration.deactivate"
  | "integration.disconnect"
  | "integration.recovered"
  | "event.resendFailed"
  | "event.resendDespiteStopList"
  | `config.${ConfigSection}.update`;

export interface AuditRecord {
  projectId: string;
  userId?: string | null;
  /** Who did it as people read it: an e-mail, "oauth", "cli", an API token's name. */
  actor: string;
  action: AuditAction;
  target: string;
  before?: unknown;
  after?: unknown;
}

type Client = Pick<Prisma.TransactionClient, "auditEntry">;

export async function recordAudit(client: Client, entry: AuditRecord): Promise<void> {
  const { before, after, ...rest } = entry;
  await client.auditEntry.create({
    data: { ...rest, ...(before === undefined ? {} : { before: before as Prisma.InputJsonValue }), ...(after === undefined ? {} : { after: after as Prisma.InputJsonValue }) },
  });
}
