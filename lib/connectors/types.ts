import type { CrmKind } from "@/lib/db/crm-kind";
import type { TokenStore } from "./oauth/token-store";
import type { WriteResult } from "./fit";

// The one interface the engine and the admin app use to talk to any CRM, and the shared shapes it speaks.
// Each CRM folder maps its vendor API to these; nothing outside lib/connectors imports a CRM folder.

export type { CrmKind };

/** Each CRM kind's stored credentials: a kind without them here is a compile error. */
interface CredentialsOfKind {
  zoho: ZohoCredentials;
  pipedrive: PipedriveCredentials;
}
export type CrmCredentialsByKind = { [K in CrmKind]: K extends keyof CredentialsOfKind ? CredentialsOfKind[K] : never };
// Names a kind that has none (a compile error says "… not assignable to type 'fake'").
type Uncredentialed = Exclude<CrmKind, keyof CredentialsOfKind>;
const everyKindHasCredentials: [Uncredentialed] extends [never] ? "none" : Uncredentialed = "none";
void everyKindHasCredentials;

/** Vocabulary of PRODUCT.md: contact = Pipedrive person, organization = Zoho account. */
export const ENTITY_KINDS = ["lead", "contact", "organization", "deal"] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export type FieldEntity = EntityKind | "task" | "call";

export interface AccountInfo {
  crm: CrmKind;
  /** Company / organisation name in the CRM. */
  accountName: string;
  userName: string;
  userEmail: string;
  /** Where API calls go (Zoho api_domain, Pipedrive company domain). */
  apiBase: string;
  /** The CRM plan or edition when the CRM tells it (Zoho: license_details.paid_type); it sets the connector's limits. */
  edition?: string;
  /** CRM calls this account takes in flight at once (Zoho: by edition; Pipedrive limits by rate). */
  concurrency: number;
}

export interface CrmUser {
  id: string;
  name: string;
  email: string;
  active: boolean;
}

export interface CrmField {
  /** Zoho api_name, Pipedrive key (a 40-character hash for custom fields). */
  key: string;
  label: string;
  /** The vendor's own type name (Zoho data_type, Pipedrive field_type). */
  type: string;
  custom: boolean;
  /** A text/string field: the only kind F4 mapping tabs may write to. */
  isString: boolean;
  readOnly: boolean;
  /** The most characters the CRM stores in it (Zoho `length`; Pipedrive by type); values are cut to fit. */
  maxLength?: number;
}

export interface CrmStage {
  id: string;
  name: string;
  order: number;
  /** open, or closed as won / lost (Zoho forecast type; Pipedrive deal status on won/lost). */
  state: "open" | "won" | "lost";
}

export interface CrmPipeline {
  id: string;
  name: string;
  isDefault: boolean;
  stages: CrmStage[];
}

/** A CRM record as the engine needs it: identity, owner, contact points, links and open/closed state. */
export interface CrmRecord {
  kind: EntityKind;
  id: string;
  name: string;
  ownerId: string | null;
  phones: string[];
  emails: string[];
  organizationId: string | null;
  contactId: string | null;
  pipelineId: string | null;
  stageId: string | null;
  /** Deals and leads: still open. Contacts and organizations: always true. */
  open: boolean;
  /** Zoho leads that were converted must not be written to again. */
  converted: boolean;
  /** A converted Zoho lead: the records it became (write to these instead). */
  convertedTo?: { contactId?: string; organizationId?: string; dealId?: string };
  /**
   * Deleted in the CRM but still readable (Pipedrive keeps a deleted person for 30 days with
   * `active_flag: false`): never link to it or write to it.
   */
  inactive?: boolean;
  /** Merged away in the CRM (Pipedrive merge): the surviving record's id, to link to instead. */
  successorId?: string;
  /** When the CRM last changed and first stored it (ISO 8601), where it says: picks one of several matches. */
  updatedAt?: string | null;
  createdAt?: string | null;
  /** Custom and other fields by key, as the CRM returned them. */
  fields: Record<string, unknown>;
}

export interface EntityInput {
  /** Full name (contact), company name (organization) or title (deal, lead). */
  name?: string;
  firstName?: string;
  lastName?: string;
  phones?: string[];
  emails?: string[];
  ownerId?: string;
  organizationId?: string;
  contactId?: string;
  pipelineId?: string;
  stageId?: string;
  /** Extra fields by CRM key (custom string fields, UTM fields, client id …). */
  fields?: Record<string, string>;
}

export interface TaskInput {
  subject: string;
  /** The delivery's reference ("Callbridge event …"), written into the note: a retry finds the task by it. */
  reference?: string;
  /** YYYY-MM-DD in the project's time zone (CRMs that keep a date only, e.g. Zoho tasks). */
  dueDate: string;
  /** The due moment (ISO 8601), for CRMs that keep a due time too (Pipedrive: due_date + due_time in UTC). */
  dueAt?: string;
  ownerId?: string;
  note?: string;
  links: EntityLinks;
}

export interface EntityLinks {
  contactId?: string;
  organizationId?: string;
  dealId?: string;
  leadId?: string;
}

export interface CallLogInput {
  direction: "incoming" | "outgoing";
  status: "answered" | "missed";
  fromNumber: string;
  toNumber: string;
  startedAt: Date;
  durationSec: number;
  subject: string;
  note?: string;
  /** The delivery's reference ("Callbridge event …"), written into the note: a retry finds the call log by it. */
  reference?: string;
  ownerId?: string;
  links: EntityLinks;
}

/** A call log as written; `filedUnder` when the CRM made us file it under another user than the employee's. */
export interface CallLogWritten {
  id: string;
  /**
   * The CRM user the log was filed under instead of the employee (e.g. a Pipedrive token of a non-admin
   * user may not file call logs for others): the employee is named in the log's note; the trace says so.
   */
  filedUnder?: { userId: string; reason: string };
}

/** A summary (and transcript) of a call, written where the CRM lets it live with the call (F19). */
export interface CallNoteInput {
  /** The call log Callbridge wrote (Zoho: the note is appended to its Description). */
  callLogId: string;
  /** The call's records (Pipedrive: the note is linked to its deal and person; call logs cannot be edited). */
  links: EntityLinks;
  /** Names the event that wrote the note: a retry after a lost answer finds it (findCallNote). */
  reference: string;
  /** The note in plain text for `room` characters, the reference included (the engine trims what does not fit). */
  compose: (room: number) => string;
}

export type RecordingInput = { kind: "link"; url: string } | { kind: "file"; fileName: string; contentType: string; content: Uint8Array };

export interface CrmConnector {
  readonly crm: CrmKind;
  testConnection(): Promise<AccountInfo>;
  listUsers(): Promise<CrmUser[]>;
  listFields(entity: FieldEntity): Promise<CrmField[]>;
  listPipelines(): Promise<CrmPipeline[]>;
  /** Records whose phone matches one of the variants, as the CRM's own phone search finds them. */
  searchByPhone(entity: EntityKind, variants: string[]): Promise<CrmRecord[]>;
  /**
   * One "contains" search on a number's national significant digits: every record holding the number in
   * any format, plus strangers whose numbers merely contain the digits (the caller filters by E.164).
   */
  searchPhoneCandidates(entity: EntityKind, nationalDigits: string): Promise<CrmRecord[]>;
  searchByEmail(entity: EntityKind, email: string): Promise<CrmRecord[]>;
  /** Exact match on a custom field, e.g. the platform's client id. */
  searchByField(entity: EntityKind, fieldKey: string, value: string): Promise<CrmRecord[]>;
  get(entity: EntityKind, id: string): Promise<CrmRecord | null>;
  /** Text values longer than their CRM field are cut to fit (from the field metadata) and named in `fitted`. */
  create(entity: EntityKind, input: EntityInput): Promise<{ id: string } & WriteResult>;
  update(entity: EntityKind, id: string, input: EntityInput): Promise<WriteResult>;
  openDealsOfContact(contactId: string): Promise<CrmRecord[]>;
  createTask(input: TaskInput): Promise<{ id: string } & WriteResult>;
  logCall(input: CallLogInput): Promise<CallLogWritten>;
  attachRecording(callId: string, recording: RecordingInput): Promise<void>;
  /**
   * After a write whose answer was lost: the task or call log an earlier attempt may have created,
   * found by the reference in its note (these records have no natural key to search by).
   */
  findWritten(kind: "task" | "callLog", written: { subject: string; reference: string; links: EntityLinks }): Promise<{ id: string } | null>;
  /** Whether the call log already holds a recording (a retried upload must not add a second). */
  hasRecording(callId: string): Promise<boolean>;
  /** Whether a task Callbridge wrote is still open (not done, not deleted): one open task per client and rule. */
  isTaskOpen(taskId: string): Promise<boolean>;
  /** Where a person opens the record in the CRM's web app (the softphone's caller card links to it). */
  recordUrl(entity: EntityKind, id: string): Promise<string | null>;
  /** Writes a call's summary beside its call log; answers the record that holds it (the log, or a note). */
  writeCallNote(input: CallNoteInput): Promise<{ id: string }>;
  /** The record holding a call note with this reference, when one was written (a lost answer). */
  findCallNote(input: Omit<CallNoteInput, "compose">): Promise<{ id: string } | null>;
}

/** The text a delivery leaves in a task's or call log's note, naming the event that wrote it. */
export const writtenBy = (reference: string | undefined, note: string | undefined) => [note, reference].filter(Boolean).join("\n") || undefined;

/** Credentials as stored (sealed) on the integration. */
export type ZohoCredentials = {
  crm: "zoho";
  /** A Zoho data centre (com, eu, …) or "sandbox" with its own accounts URL. */
  dataCenter: string;
  accountsUrl: string;
  apiDomain: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  accessToken?: string;
  accessTokenExpiresAt?: number;
};

export type PipedriveCredentials =
  | { crm: "pipedrive"; auth: "api_token"; apiBase: string; apiToken: string }
  | {
      crm: "pipedrive";
      auth: "oauth";
      apiBase: string;
      /** Pipedrive's OAuth server, e.g. https://oauth.pipedrive.com */
      oauthBase: string;
      clientId: string;
      clientSecret: string;
      accessToken: string;
      refreshToken: string;
      accessTokenExpiresAt?: number;
    };

export type CrmCredentials = CrmCredentialsByKind[CrmKind];

export interface ConnectorOptions {
  /** Called when a refresh changed the credentials (a connection being checked keeps the latest). */
  onCredentialsChange?: (credentials: CrmCredentials) => Promise<void> | void;
  /** Where the access token is shared (a project's connection: the database); else this process's grant slot. */
  tokenStore?: TokenStore<CrmCredentials>;
  /** Per-request timeout (default 15 s). */
  timeoutMs?: number;
  /** Requests in flight at once per CRM account (Zoho: by edition, else 10; Pipedrive: 8). */
  concurrency?: number;
  /** The CRM plan the last connection test found (AccountInfo.edition): Zoho sets its concurrency by it. */
  edition?: string;
  /** Pipedrive searches per 2 s per token (default 10, Pipedrive's documented cap). */
  searchesPer2s?: number;
  fetch?: typeof fetch;
}
