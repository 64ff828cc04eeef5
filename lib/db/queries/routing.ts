import { storedCrm, type CrmKind } from "../crm-kind";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "../client";
import { toJson, type JsonDocument } from "../json";

export interface CachedOwner {
  entityKind: string;
  entityId: string;
  ownerId: string;
  ownerEmail: string;
  /** The caller card answered with it (lib/routing/caller-card.ts); null for rows cached before cards. */
  card: Prisma.JsonValue | null;
  checkedAt: Date;
}

export const findCachedOwner = (projectId: string, crmKind: CrmKind, phone: string): Promise<CachedOwner | null> =>
  db().routingCache.findUnique({ where: { projectId_crm_phone: { projectId, crm: storedCrm(crmKind), phone } }, select: { entityKind: true, entityId: true, ownerId: true, ownerEmail: true, card: true, checkedAt: true } });

/** Saves the owner found; `card` left out keeps the card cached before (a refresh has not made its own yet). */
export async function saveCachedOwner(projectId: string, crmKind: CrmKind, phone: string, owner: Omit<CachedOwner, "checkedAt" | "card"> & { card?: JsonDocument | null }) {
  const crm = storedCrm(crmKind);
  const { card, ...found } = owner;
  const data = { ...found, checkedAt: new Date(), ...(card === undefined ? {} : { card: card ? toJson(card) : Prisma.DbNull }) };
  await db().routingCache.upsert({ where: { projectId_crm_phone: { projectId, crm, phone } }, create: { projectId, crm, phone, ...data }, update: data });
}

export async function forgetCachedOwner(projectId: string, crmKind: CrmKind, phone: string) {
  const crm = storedCrm(crmKind);
  await db().routingCache.deleteMany({ where: { projectId, crm, phone } });
}

/** The employee of this caller's latest answered call, as the PBX reported it. */
export async function lastTalkedEmployee(projectId: string, phone: string): Promise<{ externalId: string; employee: { sip?: string; email?: string } } | null> {
  const [row] = await db().$queryRaw<Array<{ externalId: string; employee: { sip?: string; email?: string } }>>`
    SELECT "externalId", payload->'employee' AS employee FROM "Event"
    WHERE "projectId" = ${projectId} AND "clientPhone" = ${phone} AND type = 'call'
      AND payload->>'status' = 'answered' AND payload ? 'employee'
    ORDER BY "occurredAt" DESC LIMIT 1`;
  return row ?? null;
}

