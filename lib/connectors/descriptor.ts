// What Callbridge knows about one CRM kind, in one place: each CRM folder's index.ts exports its descriptor
// and registry.ts maps every kind to one. Code outside lib/connectors asks the descriptor instead of
// branching on the kind, so a new kind in CrmCredentialsByKind makes the compiler name the one place still
// missing it (the registry), and nothing else.
import type { z } from "zod";
import type { OAuthProvider } from "./oauth/provider";
import type { ConnectorOptions, CrmConnector, CrmCredentialsByKind, CrmKind, EntityKind, FieldEntity } from "./types";

/** How much of the CRM's daily API allowance the day's calls used, in the CRM's own unit. */
export interface BudgetUse {
  /** "credits" (Zoho: one per call) or "tokens" (Pipedrive: only the searches' known cost is counted). */
  unit: "credits" | "tokens";
  used: number;
  /** The least the account is allowed per day. */
  allowance: number;
}

export interface CrmDescriptor<K extends CrmKind = CrmKind, Connection extends { crm: K } = { crm: K }> {
  kind: K;
  /** The vendor's product name as users know it (never translated). */
  displayName: string;
  /** The matrix entities (F2) this CRM keeps; the Matrix hides the others. */
  entities: readonly (EntityKind | "task")[];
  connect(credentials: CrmCredentialsByKind[K], options?: ConnectorOptions): CrmConnector;
  /** The authorization-code flow of the Integration page (F1). */
  oauth: OAuthProvider<never>;
  connection: {
    /** The config API document's `connection` variants of this CRM. */
    schemas: readonly [z.ZodType<Connection>, ...z.ZodType<Connection>[]];
    /** The stored credentials as the document shows them (secrets masked). */
    mask(credentials: CrmCredentialsByKind[K]): Connection;
    /** A PUT's connection merged with the stored one of the same CRM (null: another CRM or none). */
    merge(input: Connection, stored: CrmCredentialsByKind[K] | null): CrmCredentialsByKind[K];
  };
  /** The field naming a host these credentials may not be sent to, and why; null when all are allowed. */
  hostProblem(credentials: CrmCredentialsByKind[K]): { path: string; message: string } | null;
  /** Which account a connection writes to (its API address): a delivery journal of another is never reused. */
  account(credentials: CrmCredentialsByKind[K]): string;
  /** A record's page in the CRM's web app for the account's API address (throws when it has none). */
  recordUrl(apiBase: string, entity: FieldEntity, id: string): string | null;
  /** The day's use of the CRM's API allowance from the calls Callbridge traced. */
  budget(calls: { calls: number; searches: number }, edition?: string | null): BudgetUse;
}
