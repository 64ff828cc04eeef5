// Zoho CRM v8 connector. Docs: https://www.zoho.com/crm/developer/docs/api/v8/
import { createHash } from "node:crypto";
import type { z } from "zod";
import { withAdvisorySlot } from "@/lib/db/advisory-slots";
import { AuthError, ConfigurationError, PermanentError, QuotaError, RetryableError } from "@/lib/errors";
import { notReachableHere } from "@/lib/net/own-origins";
import { ttlCache } from "@/lib/cache/ttl";
import { zohoHostsProblem } from "./data-centers";
import { refreshZohoAccessToken } from "./oauth";
import { TokenHolder } from "../oauth/token-holder";
import { processTokenStore } from "../oauth/token-store";
import { zohoConcurrency } from "./editions";
import { webDomains } from "../web-domains";
import { zohoRecordUrl } from "./links";
import { fieldLengthCache, fieldLengths, fitToLengths, type WriteResult } from "../fit";
import { HttpClient, type HttpRequest, type HttpResponse } from "../http-client";
import type {
  AccountInfo,
  CallLogInput,
  CallNoteInput,
  ConnectorOptions,
  CrmConnector,
  CrmCredentials,
  CrmField,
  CrmPipeline,
  CrmRecord,
  CrmUser,
  EntityInput,
  EntityKind,
  FieldEntity,
  RecordingInput,
  TaskInput,
  ZohoCredentials,
} from "../types";
import { writtenBy } from "../types";
import { parseResponse } from "../validate";
import { linkFields, MODULES, STRING_TYPES, toCrmRecord, toZohoCall, toZohoRecord } from "./mapping";
import { publicPipeline, stageIndex, toZohoPipeline, type StageIndex, type ZohoPipeline } from "./stages";
import {
  errorAnswerSchema,
  fieldsAnswerSchema,
  layoutsAnswerSchema,
  orgAnswerSchema,
  pipelinesAnswerSchema,
  attachmentsAnswerSchema,
  recordsAnswerSchema,
  referencedAnswerSchema,
  taskAnswerSchema,
  usersAnswerSchema,
  writeAnswerSchema,
} from "./schemas";

/** Pipelines with their stages per Zoho account, shared by every connector instance of the process. */
const pipelineCache = ttlCache<ZohoPipeline[]>("zoho-pipelines", 5 * 60_000);
/** The phone fields of each module as settings/fields names them (Contacts have five, Leads two). */
const phoneFieldCache = ttlCache<string[]>("zoho-phone-fields", 5 * 60_000);

/**
 * Zoho lets search and COQL run at most 10 at once per org on every edition (api-limits.html), counted
 * over all its integrations: the slots are shared by every process using this connection (PostgreSQL
 * advisory locks), and callers wait for one instead of drawing Zoho's 429.
 */
const SEARCH_SUB_CONCURRENCY = 10;

/**
 * API credits are a rolling 24-hour window: credits come back as the calls made 24 hours earlier age
 * out, not at a fixed reset, and Zoho does not say when the oldest were spent. Pausing a full day would
 * idle a project that gets credits back within minutes; retrying in seconds would hammer an org with
 * none. So the project pauses for an hour and looks again; a refused call costs no credit.
 */
const CREDITS_RECHECK_MS = 60 * 60_000;
/** A 429 for concurrency frees up as soon as a call in flight ends. */
const CONCURRENCY_RETRY_MS = 1_000;

/** Zoho rejects search values with special characters; formatting characters are stripped first (seed). */
export function zohoSearchValue(value: string): string {
  return value.replace(/[^\p{L}\p{N}+@._-]/gu, "").replace(/(?!^)\+/g, "");
}

/** In criteria, parentheses and commas in a value must be escaped with a backslash. */
const criteriaValue = (value: string) => value.replace(/([(),\\])/g, "\\$1");

export class ZohoConnector implements CrmConnector {
  readonly crm = "zoho" as const;
  private readonly http: HttpClient;
  private readonly accountKey: string;
  /** Set when the stored addresses are not one Zoho data centre's: nothing is sent until the admin reconnects. */
  private readonly hostProblem: string | null;

  constructor(
    private credentials: ZohoCredentials,
    private readonly options: ConnectorOptions = {},
  ) {
    const problem = zohoHostsProblem(credentials.accountsUrl, credentials.apiDomain);
    // Accepted when connected, refused here: this process's settings differ, which is no CRM refusal.
    this.hostProblem = problem && notReachableHere(credentials[problem.path], problem.message);
    this.accountKey = `zoho:${createHash("sha256").update(`${credentials.accountsUrl}|${credentials.clientId}|${credentials.refreshToken}`).digest("hex")}`;
    this.http = new HttpClient({
      accountKey: this.accountKey,
      timeoutMs: options.timeoutMs ?? 15_000,
      // Zoho caps concurrent calls per org by edition (zohoConcurrency); 10 when the edition is unknown.
      concurrency: options.concurrency ?? zohoConcurrency(options.edition),
      fetch: options.fetch ?? fetch,
    });
    const { accessToken, accessTokenExpiresAt } = credentials;
    const store = options.tokenStore ?? processTokenStore<CrmCredentials>(this.accountKey);
    this.tokens = new TokenHolder(store, accessToken ? { accessToken, expiresAt: accessTokenExpiresAt ?? 0 } : null, async (stored) => {
      const next = await refreshZohoAccessToken(this.http, (stored as ZohoCredentials | null) ?? this.credentials);
      this.credentials = next;
      await this.options.onCredentialsChange?.(next);
      return { token: { accessToken: next.accessToken!, expiresAt: next.accessTokenExpiresAt ?? 0 }, credentials: next };
    });
  }

  // ---- OAuth: one token holder per connection (./oauth.ts asks Zoho for new tokens)

  private readonly tokens: TokenHolder<CrmCredentials>;

  // ---- Transport

  private async call(request: Omit<HttpRequest, "url"> & { path: string }, what: string): Promise<HttpResponse> {
    if (this.hostProblem) throw new ConfigurationError(this.hostProblem);
    const send = async (token: string) =>
      this.http.send({ ...request, url: `${this.credentials.apiDomain}${request.path}`, headers: { ...request.headers, authorization: `Zoho-oauthtoken ${token}` } });
    const token = await this.tokens.token();
    let response = await send(token);
    if (response.status === 401) {
      // An expired or revoked access token: refresh once; a second refusal means the grant is gone.
      response = await send(await this.tokens.refresh(token));
      if (response.status === 401) throw new AuthError(`${what}: Zoho refused the new access token`, { status: 401, crmCode: errorCode(response.body) });
    }
    if (response.status === 429) throw limitError(what, response);
    if (response.status >= 500) throw new RetryableError(`${what}: Zoho answered ${response.status}`, { status: response.status, crmCode: errorCode(response.body) });
    if (response.status >= 400) {
      // A write whose every record failed answers 400 with the per-record errors in `data`.
      const records = writeAnswerSchema.safeParse(response.body);
      if (records.success && records.data.data[0]) throw recordError(what, records.data.data[0], response.status);
      const body = errorAnswerSchema.safeParse(response.body);
      const detail = body.success ? `${body.data.code}${body.data.message ? `: ${body.data.message}` : ""}` : `HTTP ${response.status}`;
      throw new PermanentError(`${what}: ${detail}`, { status: response.status, crmCode: body.success ? body.data.code : undefined });
    }
    return response;
  }

  private async records(kind: EntityKind, path: string, query: HttpRequest["query"], what: string): Promise<CrmRecord[]> {
    const response = await this.call({ method: "GET", path, query }, what);
    if (response.status === 204) return [];
    const answer = parseResponse(recordsAnswerSchema, response.body, what);
    const stages = kind === "deal" ? await this.stages() : undefined;
    return answer.data.map((record) => toCrmRecord(kind, record, stages));
  }

  /** A search call, inside one of the org's 10 search slots shared by every process. */
  private inSearchSlot<T>(work: () => Promise<T>): Promise<T> {
    return withAdvisorySlot(`zoho-search:${this.accountKey}`, SEARCH_SUB_CONCURRENCY, work);
  }

  // https://www.zoho.com/crm/developer/docs/api/v8/search-records.html: converted leads are left out
  // (converted=false is the default; checked here too, as a converted lead must never be written to).
  private async search(entity: EntityKind, query: HttpRequest["query"], what: string): Promise<CrmRecord[]> {
    const found = await this.inSearchSlot(() => this.records(entity, `/crm/v8/${MODULES[entity]}/search`, query, what));
    return entity === "lead" ? found.filter((record) => !record.converted) : found;
  }

  /** The module's phone fields from its field metadata (every one of them is searched). */
  private phoneFields(entity: EntityKind): Promise<string[]> {
    if (entity === "deal") return Promise.resolve([]);
    return phoneFieldCache.get(`${this.accountKey}|${entity}`, async () => (await this.listFields(entity)).filter((field) => field.type === "phone").map((field) => field.key));
  }

  private async write(method: "POST" | "PUT", path: string, records: Record<string, unknown>[], what: string): Promise<string> {
    const response = await this.call({ method, path, json: { data: records, trigger: [] } }, what);
    const [result] = parseResponse(writeAnswerSchema, response.body, what).data;
    if (!result || result.status !== "success") throw recordError(what, result, response.status);
    return result.details?.id ?? "";
  }

  // ---- Account metadata

  // https://www.zoho.com/crm/developer/docs/api/v8/get-users.html, https://www.zoho.com/crm/developer/docs/api/v8/get-org-data.html
  async testConnection(): Promise<AccountInfo> {
    const users = parseResponse(usersAnswerSchema, (await this.call({ method: "GET", path: "/crm/v8/users", query: { type: "CurrentUser" } }, "Current user")).body, "Current user");
    const org = parseResponse(orgAnswerSchema, (await this.call({ method: "GET", path: "/crm/v8/org" }, "Organization")).body, "Organization");
    const user = users.users[0];
    const orgRecord = org.org[0];
    if (orgRecord) webDomains.set(this.accountKey, orgRecord.domain_name ?? `org${orgRecord.zgid ?? orgRecord.id}`);
    return {
      crm: "zoho",
      accountName: org.org[0]?.company_name ?? "",
      userName: user?.full_name ?? "",
      userEmail: user?.email ?? "",
      apiBase: this.credentials.apiDomain,
      edition: org.org[0]?.license_details?.paid_type ?? undefined,
      concurrency: zohoConcurrency(org.org[0]?.license_details?.paid_type),
    };
  }

  async listUsers(): Promise<CrmUser[]> {
    const response = await this.call({ method: "GET", path: "/crm/v8/users", query: { type: "ActiveUsers", per_page: 200 } }, "Users");
    if (response.status === 204) return [];
    return parseResponse(usersAnswerSchema, response.body, "Users").users.map((user) => ({
      id: user.id,
      name: user.full_name ?? user.email,
      email: user.email.toLowerCase(),
      active: user.status === undefined || user.status === null || user.status === "active",
    }));
  }

  // https://www.zoho.com/crm/developer/docs/api/v8/field-meta.html
  async listFields(entity: FieldEntity): Promise<CrmField[]> {
    const response = await this.call({ method: "GET", path: "/crm/v8/settings/fields", query: { module: MODULES[entity] } }, `Fields of ${MODULES[entity]}`);
    return parseResponse(fieldsAnswerSchema, response.body, "Fields").fields.map((field) => ({
      key: field.api_name,
      label: field.field_label,
      type: field.data_type,
      custom: field.custom_field,
      isString: STRING_TYPES.has(field.data_type),
      readOnly: field.read_only === true,
      maxLength: field.length ?? undefined,
    }));
  }

  // https://www.zoho.com/crm/developer/docs/api/v8/get-pipelines.html
  // Always read afresh (editors refresh with it); deal open/closed checks use what it last read.
  async listPipelines(): Promise<CrmPipeline[]> {
    const value = this.readPipelines();
    pipelineCache.forget(this.accountKey);
    return (await pipelineCache.get(this.accountKey, () => value)).map(publicPipeline);
  }

  private async readPipelines(): Promise<ZohoPipeline[]> {
    const layouts = parseResponse(layoutsAnswerSchema, (await this.call({ method: "GET", path: "/crm/v8/settings/layouts", query: { module: "Deals" } }, "Deal layouts")).body, "Deal layouts");
    const value: ZohoPipeline[] = [];
    for (const layout of layouts.layouts) {
      const response = await this.call({ method: "GET", path: "/crm/v8/settings/pipeline", query: { layout_id: layout.id } }, "Pipelines");
      value.push(...parseResponse(pipelinesAnswerSchema, response.body, "Pipelines").pipeline.map(toZohoPipeline));
    }
    return value;
  }

  private async stages(): Promise<StageIndex> {
    return stageIndex(await pipelineCache.get(this.accountKey, () => this.readPipelines()));
  }

  // ---- Search: https://www.zoho.com/crm/developer/docs/api/v8/search-records.html

  /** One `phone=` search per variant (it covers every phone field of the module), stopping at the first hit. */
  async searchByPhone(entity: EntityKind, variants: string[]): Promise<CrmRecord[]> {
    const seen = new Set<string>();
    for (const variant of variants) {
      const value = zohoSearchValue(variant);
      if (value.replace(/\D/g, "").length < 2 || seen.has(value)) continue;
      seen.add(value);
      const found = await this.search(entity, { phone: value }, `Search ${MODULES[entity]} by phone`);
      if (found.length) return found;
    }
    return [];
  }

  /** criteria `equals` on a phone field acts as "contains" on its digits (documented by Zoho). */
  async searchPhoneCandidates(entity: EntityKind, nationalDigits: string): Promise<CrmRecord[]> {
    const digits = nationalDigits.replace(/\D/g, "");
    if (digits.length < 5) return [];
    const fields = await this.phoneFields(entity);
    if (fields.length === 0) return [];
    const criteria = fields.length === 1 ? `(${fields[0]}:equals:${digits})` : `(${fields.map((field) => `(${field}:equals:${digits})`).join("or")})`;
    return this.search(entity, { criteria }, `Search ${MODULES[entity]} by phone digits`);
  }

  async searchByEmail(entity: EntityKind, email: string): Promise<CrmRecord[]> {
    return this.search(entity, { email: email.trim() }, `Search ${MODULES[entity]} by e-mail`);
  }

  async searchByField(entity: EntityKind, fieldKey: string, value: string): Promise<CrmRecord[]> {
    return this.search(entity, { criteria: `(${fieldKey}:equals:${criteriaValue(value)})` }, `Search ${MODULES[entity]} by ${fieldKey}`);
  }

  // ---- Records: https://www.zoho.com/crm/developer/docs/api/v8/get-records.html, insert-records.html, update-specific-record.html

  /**
   * A deleted record (Zoho keeps it in the Recycle Bin) answers 204 like an unknown id: null. A converted
   * lead comes back `converted` with `convertedTo` (from `$converted_detail`), and Zoho refuses writes to it.
   */
  async get(entity: EntityKind, id: string): Promise<CrmRecord | null> {
    const [record] = await this.records(entity, `/crm/v8/${MODULES[entity]}/${encodeURIComponent(id)}`, undefined, `Get ${MODULES[entity]} ${id}`);
    return record ?? null;
  }

  /** The record cut to the lengths settings/fields states (e.g. Last_Name 255): Zoho refuses longer values. */
  private async fitted(entity: FieldEntity, record: Record<string, unknown>): Promise<{ record: Record<string, unknown>; fitted: string[] }> {
    const fitted: string[] = [];
    return { record: fitToLengths(record, await this.lengths(entity), fitted), fitted };
  }

  private lengths(entity: FieldEntity): Promise<Map<string, number>> {
    return fieldLengthCache.get(`${this.accountKey}|${entity}`, async () => fieldLengths(await this.listFields(entity)));
  }

  /** A deal's stage goes to Zoho as the Stage picklist value of the stage id the engine chose. */
  private async body(entity: EntityKind, input: EntityInput) {
    const stageValue = entity === "deal" && input.stageId ? (await this.stages()).valueOf(input.stageId, input.pipelineId) : undefined;
    return this.fitted(entity, toZohoRecord(entity, input, stageValue));
  }

  async create(entity: EntityKind, input: EntityInput): Promise<{ id: string } & WriteResult> {
    const { record, fitted } = await this.body(entity, input);
    return { id: await this.write("POST", `/crm/v8/${MODULES[entity]}`, [record], `Create ${MODULES[entity]}`), ...(fitted.length ? { fitted } : {}) };
  }

  async update(entity: EntityKind, id: string, input: EntityInput): Promise<WriteResult> {
    const { record, fitted } = await this.body(entity, input);
    await this.write("PUT", `/crm/v8/${MODULES[entity]}/${encodeURIComponent(id)}`, [record], `Update ${MODULES[entity]} ${id}`);
    return fitted.length ? { fitted } : {};
  }

  async openDealsOfContact(contactId: string): Promise<CrmRecord[]> {
    const deals = await this.searchByField("deal", "Contact_Name", contactId);
    return deals.filter((deal) => deal.open);
  }

  async createTask(input: TaskInput): Promise<{ id: string } & WriteResult> {
    const task = {
      Subject: input.subject,
      Due_Date: input.dueDate,
      Status: "Not Started",
      ...(writtenBy(input.reference, input.note) ? { Description: writtenBy(input.reference, input.note) } : {}),
      ...(input.ownerId ? { Owner: { id: input.ownerId } } : {}),
      ...linkFields(input.links),
    };
    const { record, fitted } = await this.fitted("task", task);
    return { id: await this.write("POST", "/crm/v8/Tasks", [record], "Create task"), ...(fitted.length ? { fitted } : {}) };
  }

  async logCall(input: CallLogInput): Promise<{ id: string }> {
    return { id: await this.write("POST", "/crm/v8/Calls", [toZohoCall(input)], "Log call") };
  }

  // https://www.zoho.com/crm/developer/docs/api/v8/search-records.html (criteria on Subject, then the reference in Description)
  async findWritten(kind: "task" | "callLog", written: { subject: string; reference: string }): Promise<{ id: string } | null> {
    const moduleName = kind === "task" ? "Tasks" : "Calls";
    const response = await this.inSearchSlot(() =>
      this.call({ method: "GET", path: `/crm/v8/${moduleName}/search`, query: { criteria: `(Subject:equals:${criteriaValue(written.subject)})` } }, `Search ${moduleName} by subject`),
    );
    if (response.status === 204) return null;
    const found = parseResponse(referencedAnswerSchema, response.body, `Search ${moduleName}`).data.find((record) => record.Description?.includes(written.reference));
    return found ? { id: found.id } : null;
  }

  // https://www.zoho.com/crm/developer/docs/api/v8/get-attachments.html
  async hasRecording(callId: string): Promise<boolean> {
    const response = await this.call({ method: "GET", path: `/crm/v8/Calls/${encodeURIComponent(callId)}/Attachments`, query: { fields: "id,File_Name" } }, "Call attachments");
    return response.status !== 204 && parseResponse(attachmentsAnswerSchema, response.body, "Call attachments").data.length > 0;
  }

  // https://www.zoho.com/crm/developer/docs/api/v8/get-records.html: a task is done once its Status is Completed.
  async isTaskOpen(taskId: string): Promise<boolean> {
    const response = await this.call({ method: "GET", path: `/crm/v8/Tasks/${encodeURIComponent(taskId)}`, query: { fields: "Status" } }, "Get task");
    if (response.status === 204) return false;
    const [task] = parseResponse(taskAnswerSchema, response.body, "Get task").data;
    return Boolean(task) && task!.Status !== "Completed";
  }

  async recordUrl(entity: EntityKind, id: string): Promise<string | null> {
    if (!webDomains.has(this.accountKey)) await this.testConnection();
    return zohoRecordUrl(this.credentials.apiDomain, entity, id, webDomains.get(this.accountKey));
  }

  // https://www.zoho.com/crm/developer/docs/api/v8/get-records.html (one record, its Description only)
  private async callDescription(callId: string): Promise<string> {
    const response = await this.call({ method: "GET", path: `/crm/v8/Calls/${encodeURIComponent(callId)}`, query: { fields: "Description" } }, "Get call");
    if (response.status === 204) throw new PermanentError(`Get call ${callId}: the call is not in the CRM (deleted?)`, { status: 204 });
    return parseResponse(referencedAnswerSchema, response.body, "Get call").data[0]?.Description ?? "";
  }

  /**
   * The summary goes into the call's Description, after what the call log already says (the reference of
   * the call's own delivery among it): Zoho keeps a call's text there, and the rep reads it with the call.
   * https://www.zoho.com/crm/developer/docs/api/v8/update-specific-record.html
   */
  async writeCallNote(input: CallNoteInput): Promise<{ id: string }> {
    const description = await this.callDescription(input.callLogId);
    if (description.includes(input.reference)) return { id: input.callLogId };
    const limit = (await this.lengths("call")).get("Description") ?? ZOHO_TEXTAREA_LENGTH;
    const separator = description ? "\n\n" : "";
    const room = limit - Array.from(description).length - separator.length;
    if (room < MIN_NOTE_ROOM) throw new PermanentError(`Write call summary: the call's Description is full (${limit} characters)`);
    const { record } = await this.fitted("call", { Description: description + separator + input.compose(room) });
    await this.write("PUT", `/crm/v8/Calls/${encodeURIComponent(input.callLogId)}`, [record], "Write call summary");
    return { id: input.callLogId };
  }

  async findCallNote(input: Omit<CallNoteInput, "compose">): Promise<{ id: string } | null> {
    return (await this.callDescription(input.callLogId)).includes(input.reference) ? { id: input.callLogId } : null;
  }

  // https://www.zoho.com/crm/developer/docs/api/v8/upload-attachment.html
  async attachRecording(callId: string, recording: RecordingInput): Promise<void> {
    const form = new FormData();
    if (recording.kind === "link") form.set("attachmentUrl", recording.url);
    else form.set("file", new Blob([new Uint8Array(recording.content)], { type: recording.contentType }), recording.fileName);
    const response = await this.call({ method: "POST", path: `/crm/v8/Calls/${encodeURIComponent(callId)}/Attachments`, body: form }, "Attach recording");
    const [result] = parseResponse(writeAnswerSchema, response.body, "Attach recording").data;
    if (result?.status !== "success") throw new PermanentError(`Attach recording: ${result?.code ?? "no result"}`, { crmCode: result?.code });
  }
}

/** Zoho's multi-line text fields hold 32,000 characters (used when the field metadata names no length). */
const ZOHO_TEXTAREA_LENGTH = 32_000;
/** Less room than this in a Description is no summary worth writing: the delivery says the field is full. */
const MIN_NOTE_ROOM = 200;

type RecordResult = z.infer<typeof writeAnswerSchema>["data"][number];

/** A record Zoho refused: its code and the field it names, e.g. "MANDATORY_NOT_FOUND (Last_Name)". */
function recordError(what: string, result: RecordResult | undefined, status: number): PermanentError {
  const field = result?.details?.api_name ? ` (${result.details.api_name})` : "";
  return new PermanentError(`${what}: ${result?.code ?? "no result"}${field}${result?.message ? ` — ${result.message}` : ""}`, { status, crmCode: result?.code });
}

/**
 * Zoho answers 429 TOO_MANY_REQUESTS both for calls over its concurrency and for an org out of API
 * credits; the credit refusal is the one that reports X-API-CREDITS-REMAINING: 0 (or names the limit:
 * LIMIT_REACHED, "credits"). That one pauses the project; the other is retried in a second.
 */
function limitError(what: string, response: HttpResponse): QuotaError | RetryableError {
  const body = errorAnswerSchema.safeParse(response.body);
  const crmCode = body.success ? body.data.code : "TOO_MANY_REQUESTS";
  const crmDetail = body.success ? body.data.message : undefined;
  const creditsLeft = response.headers.get("x-api-credits-remaining");
  if (creditsLeft === "0" || crmCode === "LIMIT_REACHED" || /credit/i.test(crmDetail ?? "")) {
    return new QuotaError(`${what}: the Zoho org's API credits for the last 24 hours are used up`, "api_credits", new Date(Date.now() + CREDITS_RECHECK_MS), { status: 429, crmCode, crmDetail });
  }
  return new RetryableError(`${what}: Zoho API limit reached (${crmCode})`, { status: 429, crmCode, crmDetail }, CONCURRENCY_RETRY_MS);
}

function errorCode(body: unknown): string | undefined {
  const parsed = errorAnswerSchema.safeParse(body);
  return parsed.success ? parsed.data.code : undefined;
}
