// The first-touch memory (first-touch.ts) between the database and the engine: read for the records the
// find step found, so decide() gets it as input; written by the executor for the steps that carry it.
import type { CrmKind, EntityKind } from "@/lib/connectors/types";
import type { MappedEntity } from "@/lib/validation/vocabulary";
import { findUtmTouches, saveUtmTouch } from "@/lib/db/queries/utm-touches";
import type { DecideInput, Found } from "./decide";
import type { UtmWritten } from "./first-touch";

const KINDS = ["contact", "organization", "deal", "lead"] as const satisfies readonly MappedEntity[];

/** What Callbridge remembers writing into each found record's UTM fields: decide()'s `utmWritten`. */
export async function loadUtmWritten(context: { projectId: string; crm: CrmKind }, found: Found): Promise<NonNullable<DecideInput["utmWritten"]>> {
  const records = KINDS.flatMap((kind) => (found[kind] ? [{ kind, id: found[kind].id }] : []));
  const rows = await findUtmTouches(context.projectId, context.crm, records);
  const written: NonNullable<DecideInput["utmWritten"]> = {};
  for (const kind of KINDS) {
    const row = rows.find((candidate) => candidate.entityKind === kind && candidate.entityId === found[kind]?.id);
    written[kind] = row ? { occurredAt: row.occurredAt, values: row.values } : null;
  }
  return written;
}

/** Remembers what a create or update wrote into a record's UTM fields, once the CRM took it. */
export async function rememberUtmWritten(context: { projectId: string; crm: CrmKind }, entity: EntityKind, entityId: string, written: UtmWritten): Promise<void> {
  await saveUtmTouch(context.projectId, context.crm, { entityKind: entity, entityId, occurredAt: written.occurredAt, values: written.values });
}
