// Maps every CRM kind to its descriptor; the only place that imports the CRM folders. Code outside
// lib/connectors asks the descriptor (descriptor.ts) instead of branching on the kind.
import { z } from "zod";
import type { CrmDescriptor } from "./descriptor";
import type { OAuthProvider } from "./oauth/provider";
import { pipedrive } from "./pipedrive";
import type { ConnectorOptions, CrmConnector, CrmCredentials, CrmKind } from "./types";
import { zoho } from "./zoho";

/** A kind missing here is a compile error: the one place a new CRM is registered. */
// Each descriptor speaks its own connection type (in and out), so the check leaves that type open.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const CRMS = { zoho, pipedrive } satisfies { [K in CrmKind]: CrmDescriptor<K, any> };
type Registered = typeof CRMS;

export const CRM_KINDS = Object.keys(CRMS) as CrmKind[];
export const isCrmKind = (value: string): value is CrmKind => Object.hasOwn(CRMS, value);

export const crmDescriptor = <K extends CrmKind>(crm: K): CrmDescriptor<K> => CRMS[crm] as unknown as CrmDescriptor<K>;
/** The vendor's product name, e.g. "Zoho CRM". */
export const crmName = (crm: CrmKind) => CRMS[crm].displayName;

/** The CRM's authorization-code flow (F1: Zoho by OAuth, Pipedrive by token or OAuth). */
export const oauthProvider = (crm: CrmKind): OAuthProvider<unknown> => CRMS[crm].oauth as OAuthProvider<unknown>;

/** The descriptor of stored credentials, typed by their own kind. */
const ofCredentials = <C extends CrmCredentials>(credentials: C) => CRMS[credentials.crm] as unknown as CrmDescriptor<C["crm"]> & {
  connect(credentials: C, options?: ConnectorOptions): CrmConnector;
  hostProblem(credentials: C): { path: string; message: string } | null;
  account(credentials: C): string;
};

export const createConnector = (credentials: CrmCredentials, options?: ConnectorOptions): CrmConnector => ofCredentials(credentials).connect(credentials, options);
/** The field that names a host the credentials may not be sent to, and why; null when all are allowed. */
export const credentialHostProblem = (credentials: CrmCredentials) => ofCredentials(credentials).hostProblem(credentials);
/** Which CRM account a connection writes to (its API address): a delivery journal of another is never reused. */
export const connectionAccount = (credentials: CrmCredentials) => ofCredentials(credentials).account(credentials);

/** The config API document's `connection`: one variant per CRM (and auth), told apart by `crm`. */
export const connectionInputSchema = z.union(Object.values(CRMS).flatMap((crm): readonly z.ZodType[] => crm.connection.schemas) as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]) as z.ZodType<ConnectionInput>;
export type ConnectionInput = { [K in CrmKind]: ReturnType<Registered[K]["connection"]["mask"]> }[CrmKind];

export const maskedConnection = (credentials: CrmCredentials): ConnectionInput =>
  (CRMS[credentials.crm].connection.mask as (credentials: CrmCredentials) => ConnectionInput)(credentials);

/** A PUT's connection merged with the stored credentials (kept secrets only for the same CRM and addresses). */
export function mergeConnection(input: ConnectionInput, stored: CrmCredentials | null): CrmCredentials {
  const merge = CRMS[input.crm].connection.merge as (input: ConnectionInput, stored: CrmCredentials | null) => CrmCredentials;
  return merge(input, stored?.crm === input.crm ? stored : null);
}
