import type { Role } from "@/lib/generated/prisma/enums";
import { db } from "../client";
import { recordAudit } from "./record-audit";

const publicProject = { id: true, key: true, name: true, timezone: true, defaultCountry: true, crmLanguage: true } as const;

export type ProjectSummary = { id: string; key: string; name: string; timezone: string; defaultCountry: string; crmLanguage: string };

export const findProjectByKey = (key: string) => db().project.findUnique({ where: { key }, select: publicProject });

export const projectKeyExists = async (key: string) => (await db().project.count({ where: { key } })) > 0;

/** The projects a user belongs to, with their role in each; the first is where sign-in lands. */
export async function listUserProjects(userId: string): Promise<Array<ProjectSummary & { role: Role }>> {
  const memberships = await db().membership.findMany({
    where: { userId },
    include: { project: { select: publicProject } },
    orderBy: { project: { name: "asc" } },
  });
  return memberships.map((membership) => ({ ...membership.project, role: membership.role }));
}

export async function findMembership(userId: string, projectKey: string) {
  return db().membership.findFirst({
    where: { userId, project: { key: projectKey } },
    select: { role: true, project: { select: publicProject } },
  });
}

export async function insertProject(input: {
  /** Made by the caller: the webhook secret is sealed bound to it before the row exists. */
  id: string;
  key: string;
  name: string;
  timezone: string;
  defaultCountry: string;
  crmLanguage: string;
  webhookSecretEncrypted: string;
  apiToken: { name: string; tokenHash: string; prefix: string; role: Role };
  actor: string;
  /** The signed-in user who created it from the UI becomes its OWNER. */
  ownerUserId?: string;
}) {
  return db().$transaction(async (tx) => {
    // A key taken again (the CLI lets one choose it) belongs to the new project, no longer to a deleted one.
    await tx.deletedProjectKey.deleteMany({ where: { key: input.key } });
    const project = await tx.project.create({
      data: {
        id: input.id,
        key: input.key,
        name: input.name,
        timezone: input.timezone,
        defaultCountry: input.defaultCountry,
        crmLanguage: input.crmLanguage,
        webhookSecretEncrypted: input.webhookSecretEncrypted,
        apiTokens: { create: input.apiToken },
        ...(input.ownerUserId ? { memberships: { create: { userId: input.ownerUserId, role: "OWNER" } } } : {}),
      },
      select: publicProject,
    });
    await recordAudit(tx, {
        projectId: project.id,
        userId: input.ownerUserId ?? null,
        actor: input.actor,
        action: "project.create",
        target: project.key,
        after: { name: project.name, timezone: project.timezone, defaultCountry: project.defaultCountry },
      });
    return project;
  });
}

export async function updateProjectSettings(
  projectId: string,
  changes: { name: string; timezone: string; defaultCountry: string; crmLanguage: string },
  audit: { userId: string; actor: string },
) {
  return db().$transaction(async (tx) => {
    const before = await tx.project.findUniqueOrThrow({ where: { id: projectId }, select: { name: true, timezone: true, defaultCountry: true, crmLanguage: true } });
    const after = await tx.project.update({ where: { id: projectId }, data: changes, select: publicProject });
    await recordAudit(tx, { projectId, userId: audit.userId, actor: audit.actor, action: "project.settings.update", target: after.key, before, after: changes });
    return after;
  });
}

export async function replaceWebhookSecret(projectId: string, webhookSecretEncrypted: string, audit: { userId: string; actor: string }) {
  return db().$transaction(async (tx) => {
    const project = await tx.project.update({ where: { id: projectId }, data: { webhookSecretEncrypted }, select: { key: true } });
    // The secret itself never goes into the audit log.
    await recordAudit(tx, { projectId, userId: audit.userId, actor: audit.actor, action: "project.webhook_secret.rotate", target: project.key });
  });
}

export const findProjectById = (id: string) => db().project.findUnique({ where: { id }, select: publicProject });

/** Every project with its CRM connection and how many events it holds (the admin CLI's list). */
export async function listAllProjects() {
  const rows = await db().project.findMany({
    orderBy: { createdAt: "asc" },
    select: { key: true, name: true, timezone: true, defaultCountry: true, createdAt: true, integration: { select: { crm: true, status: true } }, _count: { select: { events: true, memberships: true } } },
  });
  return rows.map(({ integration, _count, ...project }) => ({ ...project, crm: integration?.crm ?? null, status: integration?.status ?? "not_connected", events: _count.events, members: _count.memberships }));
}

/**
 * Deletes a project with everything it owns (events and their deliveries, connection, configuration,
 * tokens, memberships, audit, its sandbox accounts: all cascade) and its queued delivery jobs, in one
 * transaction. Answers how many events went with it.
 */
export async function deleteProjectCascade(projectId: string, jobQueue: { schema: string; name: string }): Promise<number> {
  return db().$transaction(async (tx) => {
    const events = await tx.event.count({ where: { projectId } });
    await tx.$executeRawUnsafe(`DELETE FROM ${jobQueue.schema}.job WHERE name = $1 AND group_id = $2`, jobQueue.name, projectId);
    const { key } = await tx.project.delete({ where: { id: projectId }, select: { key: true } });
    await tx.deletedProjectKey.upsert({ where: { key }, create: { key }, update: { deletedAt: new Date() } });
    return events;
  });
}
