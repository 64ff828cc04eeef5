import type { IntegrationStatus } from "@/lib/generated/prisma/enums";
import { storedCrm, type CrmKind } from "../crm-kind";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../client";
import { inTransaction } from "../transaction";
import { recordAudit, type AuditAction } from "./record-audit";
import { toJson, type JsonDocument } from "../json";

/** What the admin UI may see of an integration: never the sealed credentials. */
const visible = { id: true, crm: true, status: true, account: true, lastError: true, brokenAt: true, pausedUntil: true, pauseReason: true, configError: true, configErrorAt: true, createdAt: true, updatedAt: true } as const;

export const findIntegrationSummary = (projectId: string) => db().integration.findUnique({ where: { projectId }, select: visible });

export const findIntegrationSecrets = (projectId: string) =>
  db().integration.findUnique({ where: { projectId }, select: { id: true, crm: true, status: true, credentialsEncrypted: true, account: true, configError: true, configErrorAt: true } });

/** Read on every delivery: a deactivation, a breakage or a quota pause stops deliveries at once. */
/** What the worker checks before each delivery: whether deliveries run, and a quota pause if one holds. */
export const findDeliveryGate = (projectId: string) => db().integration.findUnique({ where: { projectId }, select: { status: true, pausedUntil: true, pauseReason: true } });

/** Pauses a project's deliveries until the CRM's quota is back; a later reset already known is kept. */
export async function pauseIntegration(id: string, until: Date, reason: string) {
  await db().$executeRaw`UPDATE "Integration" SET "pausedUntil" = GREATEST(COALESCE("pausedUntil", ${until}), ${until}), "pauseReason" = ${reason}, "updatedAt" = now() WHERE id = ${id}`;
}

export interface IntegrationRow {
  projectId: string;
  crm: CrmKind;
  credentialsEncrypted: string;
  account: JsonDocument;
  concurrency: number;
  audit: { userId: string | null; actor: string; target: string };
}

/** Stores a connection with its audit entry; inside `tx` when given (the config API's PUT), else in its own transaction. */
export async function saveIntegration(input: IntegrationRow, tx?: Prisma.TransactionClient) {
  return inTransaction((own) => upsertIntegration(own, input), tx);
}

async function upsertIntegration(tx: Prisma.TransactionClient, input: IntegrationRow) {
  const before = await tx.integration.findUnique({ where: { projectId: input.projectId }, select: { crm: true, status: true, account: true } });
  // Connecting never switches deliveries on or off: a new connection starts inactive (the admin
  // activates it once the configuration is ready) and a reconnection keeps the status; a broken one
  // becomes inactive, so the admin decides on activation whether the events stored meanwhile are sent (F12).
  const status = before?.status === "active" ? "active" : "inactive";
  const saved = await tx.integration.upsert({
    where: { projectId: input.projectId },
    create: { projectId: input.projectId, crm: storedCrm(input.crm), credentialsEncrypted: input.credentialsEncrypted, account: toJson(input.account), concurrency: input.concurrency, status: "inactive" },
    update: { crm: storedCrm(input.crm), credentialsEncrypted: input.credentialsEncrypted, account: toJson(input.account), concurrency: input.concurrency, status, lastError: null, brokenAt: null, configError: null, configErrorAt: null },
    select: visible,
  });
  await recordAudit(tx, {
      projectId: input.projectId,
      userId: input.audit.userId,
      actor: input.audit.actor,
      action: "integration.connect",
      target: input.audit.target,
      before: before ? ({ crm: before.crm, status: before.status, account: before.account } as Prisma.InputJsonValue) : undefined,
      after: { crm: saved.crm, status: saved.status, account: saved.account } as Prisma.InputJsonValue,
    });
  return saved;
}

export const recordIntegrationAccount = (id: string, account: JsonDocument, concurrency: number) =>
  db().integration.update({ where: { id }, data: { account: toJson(account), concurrency }, select: { id: true } });

/** A process's configuration kept it from the CRM: noted for the admins; the status is left as it is. */
export async function noteConfigError(id: string, problem: string) {
  await db().integration.update({ where: { id }, data: { configError: problem, configErrorAt: new Date() }, select: { id: true } });
}

/** A process reached the CRM: a configuration error noted earlier is over (no write when none is noted). */
export async function clearConfigError(id: string) {
  await db().integration.updateMany({ where: { id, configError: { not: null } }, data: { configError: null, configErrorAt: null } });
}

export async function markIntegrationStatus(id: string, status: IntegrationStatus, lastError: string | null) {
  await db().integration.update({ where: { id }, data: { status, lastError, brokenAt: status === "broken" ? new Date() : null } });
}

export async function deleteIntegration(projectId: string, audit: { userId: string; actor: string; target: string }) {
  await db().$transaction(async (tx) => {
    const before = await tx.integration.findUnique({ where: { projectId }, select: { crm: true, status: true, account: true } });
    if (!before) return;
    await tx.integration.delete({ where: { projectId } });
    await recordAudit(tx, { projectId, userId: audit.userId, actor: audit.actor, action: "integration.disconnect", target: audit.target, before: before as Prisma.InputJsonValue });
  });
}

export async function saveOAuthState(state: { state: string; projectId: string; userId: string; payload: string; expiresAt: Date }) {
  await db().oAuthState.create({ data: state });
}

/**
 * The user's own unexpired state, read without using it up: a callback by someone else (or for another CRM,
 * which the caller checks next) must not cancel the owner's flow.
 */
export async function findOwnOAuthState(state: string, userId: string, now = new Date()) {
  return db().oAuthState.findFirst({ where: { state, userId, expiresAt: { gt: now } } });
}

/** Uses the state up once the caller has checked it; false when a parallel callback got there first. */
export async function consumeOAuthState(state: string, userId: string): Promise<boolean> {
  // Expired states of anyone are pruned on the way.
  const [taken] = await db().$transaction([db().oAuthState.deleteMany({ where: { state, userId } }), db().oAuthState.deleteMany({ where: { expiresAt: { lt: new Date() } } })]);
  return taken.count === 1;
}

/** Activate / deactivate by an admin or the API, audited with the status before and after. */
export async function setIntegrationStatus(
  projectId: string,
  status: IntegrationStatus,
  audit: { userId: string | null; actor: string; target: string; action: Extract<AuditAction, `integration.${string}`>; details: Record<string, unknown> },
) {
  await db().$transaction(async (tx) => {
    const before = await tx.integration.findUniqueOrThrow({ where: { projectId }, select: { status: true } });
    await tx.integration.update({ where: { projectId }, data: { status, ...(status !== "broken" ? { lastError: null, brokenAt: null } : {}) } });
    await recordAudit(tx, { projectId, userId: audit.userId, actor: audit.actor, action: audit.action, target: audit.target, before: { status: before.status }, after: { status, ...audit.details } as Prisma.InputJsonValue });
  });
}
