// The CRM kinds the database's "CrmKind" enum stores must be the kinds the connectors speak: a kind added
// to lib/connectors/types.ts fails to compile here until prisma/schema.prisma (and a migration) has it.
import type { CrmKind } from "@/lib/connectors/types";
import type { CrmKind as StoredCrmKind } from "@/lib/generated/prisma/enums";

// Each names the kinds missing on the other side (a compile error says "… not assignable to type 'fake'").
type Unstored = Exclude<CrmKind, StoredCrmKind>;
type Unspoken = Exclude<StoredCrmKind, CrmKind>;
const noKindUnstored: [Unstored] extends [never] ? "none" : Unstored = "none";
const noKindUnspoken: [Unspoken] extends [never] ? "none" : Unspoken = "none";
void noKindUnstored;
void noKindUnspoken;

/** A connector's CRM kind as the database column takes it (the same values, checked above). */
export const storedCrm = (crm: CrmKind) => crm as StoredCrmKind;
export type { CrmKind };
