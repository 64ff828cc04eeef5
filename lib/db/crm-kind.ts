// The CRM kinds Callbridge speaks, as the database's "CrmKind" enum stores them. Each kind has a folder
// and a descriptor in lib/connectors (descriptor.ts, registry.ts); a kind added here makes the compiler name
// the places still missing it — the enum below until prisma/schema.prisma (and a migration) has it, the
// kind's credentials, the registry and the connect forms (lib/connectors/fake-crm.test.ts proves it).
import type { CrmKind as StoredCrmKind } from "@/lib/generated/prisma/enums";

export interface CrmKinds {
  zoho: true;
  pipedrive: true;
}
export type CrmKind = keyof CrmKinds;

// Each names the kinds missing on the other side (a compile error says "… not assignable to type 'fake'").
type Unstored = Exclude<CrmKind, StoredCrmKind>;
type Unspoken = Exclude<StoredCrmKind, CrmKind>;
const noKindUnstored: [Unstored] extends [never] ? "none" : Unstored = "none";
const noKindUnspoken: [Unspoken] extends [never] ? "none" : Unspoken = "none";
void noKindUnstored;
void noKindUnspoken;

/** A CRM kind as the database column takes it (the same values, checked above). */
export const storedCrm = (crm: CrmKind) => crm as StoredCrmKind;
