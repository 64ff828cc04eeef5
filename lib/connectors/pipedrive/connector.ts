// Pipedrive connector (API v1 and v2). Docs: https://developers.pipedrive.com/docs/api/v1
import { createHash } from "node:crypto";
import type { v2 } from "pipedrive";
import { z } from "zod";
import { env } from "@/lib/env";
import { AuthError, ConfigurationError, isPermanentError, PermanentError, QuotaError, RetryableError } from "@/lib/errors";
import { notReachableHere } from "@/lib/net/own-origins";
import { egressGet, isEgressRefused, type EgressResponse } from "@/lib/net/egress";
import { fieldLengthCache, fieldLengths, fitToLengths, type WriteResult } from "../fit";
import { HttpClient, type HttpRequest, type HttpResponse } from "../http-client";
import { pipedriveHostProblem } from "./hosts";
import { refreshPipedriveAccessToken } from "./oauth";
import { TokenHolder } from "../oauth/token-holder";
import { processTokenStore } from "../oauth/token-store";
import { processShared } from "@/lib/cache/process-shared";
import { sharedWindow } from "../shared-limiter";
import { budgetSpentUntil, companyTimeZones, dailyRemaining, LOW_BUDGET_TOKENS, nextMidnight, UNPAID_RETRY_MS } from "./daily-budget";
import { fileUnderOwnUser, ownUserOnly, refusedForOtherUser } from "./own-user-call-log";
import { ACTIVITY_HANDLE, findWrittenCallLog, findWrittenTask } from "./find-written";
import { addCallNote, findCallNote } from "./call-notes";
import { webDomains } from "../web-domains";
import { pipedriveRecordUrl } from "./links";
import type {
  AccountInfo,
  CallLogInput,
  CallLogWritten,
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
  EntityLinks,
  FieldEntity,
  PipedriveCredentials,
  RecordingInput,
  TaskInput,
} from "../types";
import { writtenBy } from "../types";
import { parseResponse } from "../validate";
import { FIELD_LENGTHS, FIELD_LISTS, RESOURCES, STRING_TYPES, toCrmRecord, toPipedriveBody, toPipedriveCallLog } from "./mapping";
import {
  callLogSchema,
  createdSchema,
  cursorListSchema,
  entitySchema,
  envelope,
  errorAnswerSchema,
  itemSearchAnswerSchema,
  fieldSchema,
  pipelineSchema,
  searchAnswerSchema,
  stageSchema,
  userSchema,
} from "./schemas";

// Built once: zod compiles a schema on first use, so building one per call would cost on every request.
const userAnswer = envelope(userSchema);
const usersAnswer = envelope(z.array(userSchema).nullable());
const activityAnswer = envelope(z.looseObject({ id: z.union([z.number(), z.string()]), done: z.boolean().nullish(), is_deleted: z.boolean().nullish() }));
const fieldsAnswer = cursorListSchema(fieldSchema);
const pipelinesAnswer = cursorListSchema(pipelineSchema);
const stagesAnswer = cursorListSchema(stageSchema);
/** System fields Pipedrive fills itself (add_time, update_time, …_count). */
const SET_BY_PIPEDRIVE = /(_time|_count)$/;
/** v2 lists take up to 500 items a page. */
const V2_PAGE = 500;
const entityAnswer = envelope(entitySchema.nullable());
const entitiesAnswer = envelope(z.array(entitySchema).nullable());

const PIPELINE_CACHE_MS = 5 * 60_000;
/** "Search is capped at 10 requests per 2 s" (crm-apis.md), per token; the headers do not announce it. */
// Paced over 2.2 s rather than 2: Pipedrive counts by arrival, and arrivals jitter around send times.
// Pipedrive's burst limit is per token and 2-second window (plan-dependent, announced in x-ratelimit-limit);
// search has its own cap of 10 per 2 s. Both are kept across processes; 2.2 s absorbs arrival jitter.
const WINDOW_MS = 2_200;
/** The burst limit each account last announced (learned from the headers; 20 is the smallest plan's). */
const announcedLimits = processShared("pipedrive-burst-limits", () => new Map<string, number>());

/** Pipedrive's search ignores formatting in stored phones; the term is sent with it stripped too. */
export const phoneTerm = (value: string) => value.replace(/[^\d+]/g, "").replace(/(?!^)\+/g, "");

export class PipedriveConnector implements CrmConnector {
  readonly crm = "pipedrive" as const;
  private readonly http: HttpClient;
  private readonly accountKey: string;
  private readonly tokens: TokenHolder<CrmCredentials> | null;
  private pipelines: { at: number; value: CrmPipeline[] } | undefined;
  private currentUserId: string | undefined;
  private learningZone = false;
  /** Set when the stored addresses are not Pipedrive's: nothing is sent until the admin reconnects. */
  private readonly hostProblem: string | null;

  constructor(
    private credentials: PipedriveCredentials,
    private readonly options: ConnectorOptions = {},
  ) {
    const identity = credentials.auth === "api_token" ? credentials.apiToken : `${credentials.clientId}|${credentials.refreshToken}`;
    const problem = pipedriveHostProblem(credentials);
    // Accepted when connected, refused here: this process's settings differ, which is no CRM refusal.
    this.hostProblem = problem && notReachableHere(problem.path === "oauthBase" && credentials.auth === "oauth" ? credentials.oauthBase : credentials.apiBase, problem.message);
    this.accountKey = `pipedrive:${createHash("sha256").update(`${credentials.apiBase}|${identity}`).digest("hex")}`;
    this.http = new HttpClient({
      accountKey: this.accountKey,
      timeoutMs: options.timeoutMs ?? 15_000,
      // Pipedrive limits requests per 2 s, not concurrency; the rate-limit headers pause us near the limit.
      concurrency: options.concurrency ?? 8,
      fetch: options.fetch ?? fetch,
    });
    // OAuth connections hold one token, refreshed by ./oauth.ts; API-token connections have nothing to refresh.
    this.tokens =
      credentials.auth === "oauth"
        ? new TokenHolder(options.tokenStore ?? processTokenStore<CrmCredentials>(this.accountKey), { accessToken: credentials.accessToken, expiresAt: credentials.accessTokenExpiresAt ?? Infinity }, async (stored) => {
            const next = await refreshPipedriveAccessToken(this.http, ((stored as PipedriveCredentials | null) ?? this.credentials) as Extract<PipedriveCredentials, { auth: "oauth" }>);
            this.credentials = next;
            await this.options.onCredentialsChange?.(next);
            return { token: { accessToken: next.accessToken, expiresAt: next.accessTokenExpiresAt ?? 0 }, credentials: next };
          })
        : null;
  }

  // ---- Transport

  /** The used-up daily budget as the engine needs it: a pause until the company's midnight. */
  private budgetSpent(what: string, resumeAt: Date, status?: number): QuotaError {
    return new QuotaError(`${what}: Pipedrive's daily API token budget is used up until ${resumeAt.toISOString()}`, "daily_budget", resumeAt, { status, crmDetail: "x-daily-ratelimit-token-remaining: 0" });
  }

  /**
   * The company's quota signals (./daily-budget.ts): 402 unpaid, the daily-limit 429 and the budget header
   * at 0. A successful answer that spent the last tokens is still used; the calls after it are not sent.
   */
  private async readQuota(response: HttpResponse, what: string): Promise<void> {
    if (response.status === 402) {
      const body = errorAnswerSchema.safeParse(response.body);
      const detail = body.success ? [body.data.error, body.data.error_info].filter(Boolean).join(" — ") : "HTTP 402";
      throw new QuotaError(`${what}: Pipedrive refuses calls until the company's billing is paid (${detail})`, "unpaid", new Date(Date.now() + UNPAID_RETRY_MS), { status: 402, crmDetail: detail });
    }
    const left = dailyRemaining(response.headers);
    if (left === null) return;
    if (left <= 0) {
      const resumeAt = nextMidnight(new Date(), companyTimeZones.get(this.accountKey));
      budgetSpentUntil.set(this.accountKey, resumeAt.getTime());
      if (response.status === 429) throw this.budgetSpent(what, resumeAt, 429);
      return;
    }
    budgetSpentUntil.delete(this.accountKey);
    // Learn the time zone while calls still go through: once the budget is gone, users/me is refused too.
    if (left < LOW_BUDGET_TOKENS && !companyTimeZones.has(this.accountKey) && !this.learningZone) {
      this.learningZone = true;
      await this.testConnection()
        .catch(() => undefined)
        .finally(() => (this.learningZone = false));
    }
  }

  private async call(request: Omit<HttpRequest, "url"> & { path: string }, what: string): Promise<HttpResponse> {
    if (this.hostProblem) throw new ConfigurationError(this.hostProblem);
    const spentUntil = budgetSpentUntil.get(this.accountKey);
    if (spentUntil !== undefined && spentUntil > Date.now()) throw this.budgetSpent(what, new Date(spentUntil));
    const credentials = this.credentials;
    const send = (token?: string) =>
      this.http.send({
        ...request,
        url: `${this.credentials.apiBase}${request.path}`,
        // The API token travels in the x-api-token header, as Pipedrive's own client sends it: never in a URL.
        headers: token ? { ...request.headers, authorization: `Bearer ${token}` } : { ...request.headers, "x-api-token": (credentials as { apiToken: string }).apiToken },
      });
    await sharedWindow("pipedrive-burst", announcedLimits.get(this.accountKey) ?? 20, WINDOW_MS).take(this.accountKey);
    const token = this.tokens ? await this.tokens.token() : undefined;
    let response = await send(token);
    if (response.status === 401) {
      if (!this.tokens) throw new AuthError(`${what}: Pipedrive refused the API token`, { status: 401 });
      response = await send(await this.tokens.refresh(token));
      if (response.status === 401) throw new AuthError(`${what}: Pipedrive refused the new access token`, { status: 401 });
    }
    const announced = Number(response.headers.get("x-ratelimit-limit"));
    if (!request.path.endsWith("/search") && Number.isInteger(announced) && announced > 0) announcedLimits.set(this.accountKey, announced);
    this.honourRateLimit(response, request.path.endsWith("/search"));
    await this.readQuota(response, what);
    if (response.status === 429) {
      const reset = Number(response.headers.get("x-ratelimit-reset") ?? "2");
      throw new RetryableError(`${what}: Pipedrive rate limit reached`, { status: 429 }, Math.max(1, reset) * 1000);
    }
    if (response.status >= 500) throw new RetryableError(`${what}: Pipedrive answered ${response.status}`, { status: response.status });
    if (response.status >= 400 && response.status !== 404) {
      const body = errorAnswerSchema.safeParse(response.body);
      const detail = body.success ? [body.data.error, body.data.error_info].filter(Boolean).join(" — ") : `HTTP ${response.status}`;
      throw new PermanentError(`${what}: ${detail || `HTTP ${response.status}`}`, { status: response.status });
    }
    return response;
  }

  /**
   * When the burst window is used up, hold this account's next requests until it resets. A search's
   * headers count the search budget only: the shared search window paces searches, other requests go on.
   */
  private honourRateLimit(response: HttpResponse, search: boolean) {
    const remaining = response.headers.get("x-ratelimit-remaining");
    const reset = Number(response.headers.get("x-ratelimit-reset"));
    if (((remaining === "0" && !search) || response.status === 429) && Number.isFinite(reset) && reset > 0) this.http.pauseUntil(Date.now() + reset * 1000);
  }

  /** The `data` of an enveloped answer, or null for 404. */
  private async data<S extends z.ZodType<{ data: unknown }>>(answer: S, request: Omit<HttpRequest, "url"> & { path: string }, what: string): Promise<z.output<S>["data"] | null> {
    const response = await this.call(request, what);
    if (response.status === 404) return null;
    return parseResponse(answer, response.body, what).data;
  }

  // ---- Account metadata

  // https://developers.pipedrive.com/docs/api/v1/Users#getCurrentUser
  async testConnection(): Promise<AccountInfo> {
    const me = await this.data(userAnswer, { method: "GET", path: "/api/v1/users/me" }, "Current user");
    if (!me) throw new PermanentError("Current user: not found");
    this.currentUserId = me.id;
    if (me.timezone_name) companyTimeZones.set(this.accountKey, me.timezone_name);
    if (me.company_domain) webDomains.set(this.accountKey, me.company_domain);
    // Pipedrive limits by rate, not concurrency: enough deliveries side by side to use its burst limit
    // (the shared limiter keeps every process within it).
    return { crm: "pipedrive", accountName: me.company_name ?? me.company_domain ?? "", userName: me.name, userEmail: me.email, apiBase: this.credentials.apiBase, concurrency: 15 };
  }

  async listUsers(): Promise<CrmUser[]> {
    const users = (await this.data(usersAnswer, { method: "GET", path: "/api/v1/users" }, "Users")) ?? [];
    return users.map((user) => ({ id: user.id, name: user.name, email: user.email.toLowerCase(), active: user.active_flag !== false }));
  }

  /** Every page of a v2 list, following next_cursor. */
  private async allPages<T>(answer: z.ZodType<{ data: T[] | null; additional_data?: { next_cursor?: string | null } | null }>, path: string, what: string, query: HttpRequest["query"] = {}): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const response = await this.call({ method: "GET", path, query: { ...query, limit: V2_PAGE, cursor } }, what);
      if (response.status === 404) return items;
      const page = parseResponse(answer, response.body, what);
      items.push(...(page.data ?? []));
      cursor = page.additional_data?.next_cursor ?? undefined;
    } while (cursor);
    return items;
  }

  // https://developers.pipedrive.com/docs/api/v2/PersonFields#getPersonFields (and the other *Fields)
  async listFields(entity: FieldEntity): Promise<CrmField[]> {
    const list = FIELD_LISTS[entity];
    if (!list) return [];
    const fields = await this.allPages(fieldsAnswer, `/api/v2/${list}`, `Fields (${list})`);
    return fields.map((field) => ({
      key: field.field_code,
      label: field.field_name,
      type: field.field_type,
      custom: field.is_custom_field,
      isString: STRING_TYPES.has(field.field_type),
      // v2 states no edit flag: the times and counters Pipedrive keeps itself cannot be written.
      readOnly: !field.is_custom_field && SET_BY_PIPEDRIVE.test(field.field_code),
      maxLength: FIELD_LENGTHS[field.field_type],
    }));
  }

  // https://developers.pipedrive.com/docs/api/v2/Pipelines#getPipelines, Stages#getStages
  async listPipelines(): Promise<CrmPipeline[]> {
    if (this.pipelines && Date.now() - this.pipelines.at < PIPELINE_CACHE_MS) return this.pipelines.value;
    const pipelines = (await this.allPages(pipelinesAnswer, "/api/v2/pipelines", "Pipelines")).filter((pipeline) => !pipeline.is_deleted);
    const stages = (await this.allPages(stagesAnswer, "/api/v2/stages", "Stages")).filter((stage) => !stage.is_deleted);
    const ordered = [...pipelines].sort((a, b) => (a.order_nr ?? 0) - (b.order_nr ?? 0));
    const value = ordered.map((pipeline, index) => ({
      id: pipeline.id,
      name: pipeline.name,
      isDefault: index === 0,
      // Pipedrive stages are all open; won and lost are deal statuses, not stages.
      stages: stages
        .filter((stage) => stage.pipeline_id === pipeline.id)
        .sort((a, b) => a.order_nr - b.order_nr)
        .map((stage) => ({ id: stage.id, name: stage.name, order: stage.order_nr, state: "open" as const })),
    }));
    this.pipelines = { at: Date.now(), value };
    return value;
  }

  // ---- Search: https://developers.pipedrive.com/docs/api/v1/Persons#searchPersons (v2)

  private async search(entity: EntityKind, term: string, fields: string, exact: boolean): Promise<CrmRecord[]> {
    if (term.length < 1 || (!exact && term.length < 2)) return [];
    const resource = RESOURCES[entity].path;
    await sharedWindow("pipedrive-search", this.options.searchesPer2s ?? 10, WINDOW_MS).take(this.accountKey);
    const answer = await this.call(
      { method: "GET", path: `/api/v2/${resource}/search`, query: { term, fields, exact_match: exact, limit: 100 } },
      `Search ${resource} by ${fields}`,
    );
    if (answer.status === 404) return [];
    return parseResponse(searchAnswerSchema, answer.body, `Search ${resource}`).data.items.map((hit) => toCrmRecord(entity, hit.item));
  }

  /**
   * A person's open leads, found by one item search over persons with search_for_related_items: Pipedrive
   * searches leads by their own fields only (title, notes, custom fields), while the caller's phone or
   * e-mail is on the lead's person. Each lead carries its person's phones and e-mails, so the caller's
   * number can be checked on it. https://developers.pipedrive.com/docs/api/v1/ItemSearch#searchItem (v2)
   */
  private async leadsOfPersons(term: string, field: "phone" | "email", exact: boolean): Promise<CrmRecord[]> {
    if (term.length < 1 || (!exact && term.length < 2)) return [];
    await sharedWindow("pipedrive-search", this.options.searchesPer2s ?? 10, WINDOW_MS).take(this.accountKey);
    const response = await this.call(
      { method: "GET", path: "/api/v2/itemSearch", query: { term, item_types: "person", fields: field, exact_match: exact, search_for_related_items: true, limit: 100 } },
      `Search leads by their person's ${field}`,
    );
    if (response.status === 404) return [];
    const answer = parseResponse(itemSearchAnswerSchema, response.body, "Search leads").data;
    const persons = new Map(answer.items.filter((hit) => (hit.item.type ?? "person") === "person").map((hit) => [hit.item.id, toCrmRecord("contact", hit.item)]));
    return (answer.related_items ?? [])
      .filter((hit) => hit.item.type === "lead")
      .map((hit) => {
        const lead = toCrmRecord("lead", hit.item);
        const person = persons.get(hit.item.person ?? lead.contactId ?? "");
        return { ...lead, contactId: lead.contactId ?? person?.id ?? null, phones: person?.phones ?? [], emails: person?.emails ?? [] };
      })
      .filter((lead) => lead.open);
  }

  /** Persons hold the phones; leads are found through their person; deals through openDealsOfContact. */
  async searchByPhone(entity: EntityKind, variants: string[]): Promise<CrmRecord[]> {
    if (entity !== "contact" && entity !== "lead") return [];
    const seen = new Set<string>();
    for (const variant of variants) {
      const term = phoneTerm(variant);
      if (!term || seen.has(term)) continue;
      seen.add(term);
      const found = entity === "lead" ? await this.leadsOfPersons(term, "phone", true) : await this.search(entity, term, "phone", true);
      if (found.length) return found;
    }
    return [];
  }

  /** Without exact_match, Pipedrive's phone search finds the digits inside any stored number. */
  async searchPhoneCandidates(entity: EntityKind, nationalDigits: string): Promise<CrmRecord[]> {
    const digits = nationalDigits.replace(/\D/g, "");
    if (digits.length < 5) return [];
    if (entity === "lead") return this.leadsOfPersons(digits, "phone", false);
    return entity === "contact" ? this.search(entity, digits, "phone", false) : [];
  }

  async searchByEmail(entity: EntityKind, email: string): Promise<CrmRecord[]> {
    if (entity === "lead") return this.leadsOfPersons(email.trim(), "email", true);
    return entity === "contact" ? this.search(entity, email.trim(), "email", true) : [];
  }

  async searchByField(entity: EntityKind, fieldKey: string, value: string): Promise<CrmRecord[]> {
    // Pipedrive searches all custom fields at once; keep only records whose given field holds the value.
    // Leads have their own search (GET /api/v2/leads/search); archived leads are not open ones.
    const found = await this.search(entity, value, "custom_fields", true);
    return found.filter((record) => (fieldKey in record.fields ? String(record.fields[fieldKey]) === value : true)).filter((record) => entity !== "lead" || record.open);
  }

  // ---- Records

  async get(entity: EntityKind, id: string): Promise<CrmRecord | null> {
    const { path, version } = RESOURCES[entity];
    const item = await this.data(entityAnswer, { method: "GET", path: `/api/${version}/${path}/${encodeURIComponent(id)}` }, `Get ${path} ${id}`);
    return item ? toCrmRecord(entity, item) : null;
  }

  /** The body cut to the lengths of the field types (names and varchar 255): Pipedrive refuses longer values. */
  private lengths(entity: EntityKind | "task") {
    return fieldLengthCache.get(`${this.accountKey}|${entity}`, async () => fieldLengths(await this.listFields(entity)));
  }

  private async fitted(entity: EntityKind, input: EntityInput) {
    const lengths = await this.lengths(entity);
    const fitted: string[] = [];
    const body = fitToLengths(toPipedriveBody(entity, input), lengths, fitted);
    if ("custom_fields" in body && body.custom_fields) body.custom_fields = fitToLengths(body.custom_fields, lengths, fitted, "custom_fields.");
    return { body, fitted };
  }

  async create(entity: EntityKind, input: EntityInput): Promise<{ id: string } & WriteResult> {
    const { path, version } = RESOURCES[entity];
    const { body, fitted } = await this.fitted(entity, input);
    const response = await this.call({ method: "POST", path: `/api/${version}/${path}`, json: body }, `Create ${path}`);
    return { id: parseResponse(createdSchema, response.body, `Create ${path}`).data.id, ...(fitted.length ? { fitted } : {}) };
  }

  async update(entity: EntityKind, id: string, input: EntityInput): Promise<WriteResult> {
    const { path, version } = RESOURCES[entity];
    const { body, fitted } = await this.fitted(entity, input);
    const response = await this.call({ method: "PATCH", path: `/api/${version}/${path}/${encodeURIComponent(id)}`, json: body }, `Update ${path} ${id}`);
    if (response.status === 404) throw new PermanentError(`Update ${path} ${id}: the record no longer exists`, { status: 404 });
    return fitted.length ? { fitted } : {};
  }

  // https://developers.pipedrive.com/docs/api/v1/Deals#getDeals (v2, person_id + status filters)
  async openDealsOfContact(contactId: string): Promise<CrmRecord[]> {
    const deals = (await this.data(entitiesAnswer, { method: "GET", path: "/api/v2/deals", query: { person_id: contactId, status: "open", limit: 100 } }, "Open deals of person")) ?? [];
    return deals.map((deal) => toCrmRecord("deal", deal));
  }

  // https://developers.pipedrive.com/docs/api/v1/Activities#addActivity (v2)
  async createTask(input: TaskInput): Promise<{ id: string } & WriteResult> {
    const num = (value?: string) => (value ? Number(value) : undefined);
    const body: v2.AddActivityRequest = {
      subject: input.subject,
      type: "task",
      // Pipedrive keeps an activity's due date and time in UTC.
      due_date: input.dueAt ? input.dueAt.slice(0, 10) : input.dueDate,
      ...(input.dueAt ? { due_time: input.dueAt.slice(11, 16) } : {}),
      owner_id: num(input.ownerId),
      person_id: num(input.links.contactId),
      org_id: num(input.links.organizationId),
      deal_id: num(input.links.dealId),
      lead_id: input.links.leadId,
      note: writtenBy(input.reference, input.note),
      done: false,
    };
    const fitted: string[] = [];
    const response = await this.call({ method: "POST", path: "/api/v2/activities", json: fitToLengths(body, await this.lengths("task"), fitted) }, "Create task");
    return { id: parseResponse(createdSchema, response.body, "Create task").data.id, ...(fitted.length ? { fitted } : {}) };
  }

  /** The token's own Pipedrive user (GET /v1/users/me once per connector). */
  private async tokenUserId(): Promise<string> {
    if (!this.currentUserId) await this.testConnection();
    return this.currentUserId!;
  }

  // https://developers.pipedrive.com/docs/api/v1/CallLogs#addCallLog
  async logCall(input: CallLogInput): Promise<CallLogWritten> {
    const forOther = input.ownerId !== undefined && ownUserOnly.has(this.accountKey) && input.ownerId !== (await this.tokenUserId());
    if (!forOther) {
      try {
        const response = await this.call({ method: "POST", path: "/api/v1/callLogs", json: toPipedriveCallLog(input, input.ownerId) }, "Log call");
        return { id: parseResponse(createdSchema, response.body, "Log call").data.id };
      } catch (error) {
        if (!refusedForOtherUser(error) || input.ownerId === undefined || input.ownerId === (await this.tokenUserId())) throw error;
        ownUserOnly.add(this.accountKey);
      }
    }
    // Refused for the employee's user (./own-user-call-log.ts): filed under the token's user, employee named.
    const users = await this.listUsers();
    const me = await this.tokenUserId();
    const employee = users.find((user) => user.id === input.ownerId);
    const own = fileUnderOwnUser(input.note, { id: input.ownerId!, name: employee?.name }, { id: me, name: users.find((user) => user.id === me)?.name });
    const response = await this.call({ method: "POST", path: "/api/v1/callLogs", json: toPipedriveCallLog({ ...input, note: own.note }, undefined) }, "Log call under the token's own user");
    return { id: parseResponse(createdSchema, response.body, "Log call").data.id, filedUnder: { userId: me, reason: own.reason } };
  }

  // See ./find-written.ts for why call logs are looked for through the activities of their record.
  async findWritten(kind: "task" | "callLog", written: { subject: string; reference: string; links: EntityLinks }): Promise<{ id: string } | null> {
    const send = (request: Omit<HttpRequest, "url"> & { path: string }, what: string) => this.call(request, what);
    return kind === "task" ? findWrittenTask(send, written) : findWrittenCallLog(send, () => this.tokenUserId(), written);
  }

  // https://developers.pipedrive.com/docs/api/v2/Activities#getActivity: open until done (or deleted).
  async isTaskOpen(taskId: string): Promise<boolean> {
    const activity = await this.data(activityAnswer, { method: "GET", path: `/api/v2/activities/${encodeURIComponent(taskId)}` }, "Get activity");
    return Boolean(activity) && activity!.done !== true && activity!.is_deleted !== true;
  }

  async recordUrl(entity: EntityKind, id: string): Promise<string | null> {
    if (!webDomains.has(this.accountKey)) await this.testConnection();
    return pipedriveRecordUrl(this.credentials.apiBase, entity, id, webDomains.get(this.accountKey));
  }

  // See ./call-notes.ts: a summary is a note on the call's deal and person (call logs cannot be edited).
  writeCallNote(input: CallNoteInput): Promise<{ id: string }> {
    return addCallNote((request, what) => this.call(request, what), input);
  }

  findCallNote(input: Omit<CallNoteInput, "compose">): Promise<{ id: string } | null> {
    return findCallNote((request, what) => this.call(request, what), input);
  }

  /** A second upload answers 409, so Pipedrive itself keeps one recording per call log. */
  async hasRecording(callId: string): Promise<boolean> {
    // A log of another user, known by its activity only: Pipedrive lists no files per activity in v2;
    // the upload below is then made once, and a lost answer to it may leave a second file.
    if (callId.startsWith(ACTIVITY_HANDLE)) return false;
    const response = await this.call({ method: "GET", path: `/api/v1/callLogs/${encodeURIComponent(callId)}` }, "Get call log");
    return parseResponse(callLogSchema, response.body, "Get call log").data.has_recording === true;
  }

  /** Pipedrive stores recordings as files only: a link is downloaded first. 409 means one is attached already. */
  async attachRecording(callId: string, recording: RecordingInput): Promise<void> {
    const file = recording.kind === "file" ? recording : await downloadRecording(recording.url);
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(file.content)], { type: file.contentType }), file.fileName);
    if (callId.startsWith(ACTIVITY_HANDLE)) {
      // The log of another user, whose id this token cannot read: the recording is attached to its
      // activity as a file. https://developers.pipedrive.com/docs/api/v1/Files#addFile
      form.set("activity_id", callId.slice(ACTIVITY_HANDLE.length));
      await this.call({ method: "POST", path: "/api/v1/files", body: form }, "Attach recording to the call's activity");
      return;
    }
    const response = await this.call({ method: "POST", path: `/api/v1/callLogs/${encodeURIComponent(callId)}/recordings`, body: form }, "Attach recording").catch((error: unknown) => {
      if (isPermanentError(error) && error.details.status === 409) return null;
      throw error;
    });
    if (response?.status === 404) throw new PermanentError(`Attach recording: call log ${callId} not found`, { status: 404 });
  }
}

/** The recording link comes from a signed event: fetched only through the egress policy, under its byte cap. */
async function downloadRecording(url: string) {
  let response: EgressResponse;
  try {
    // Its own budget (RECORDING_DOWNLOAD_BUDGET_MS): a slow recording host must not hold a delivery lane.
    response = await egressGet(url, { maxBytes: env().RECORDING_MAX_BYTES, timeoutMs: env().RECORDING_DOWNLOAD_BUDGET_MS });
  } catch (error) {
    if (isEgressRefused(error)) throw new PermanentError(`recording URL refused: ${error.message}`);
    throw new RetryableError(`Download recording: ${(error as Error).message}`);
  }
  if (response.status >= 500) throw new RetryableError(`Download recording: HTTP ${response.status}`, { status: response.status });
  if (response.status < 200 || response.status >= 300) throw new PermanentError(`Download recording: HTTP ${response.status}`, { status: response.status });
  const name = new URL(response.url).pathname.split("/").pop() || "recording.mp3";
  return { fileName: name, contentType: response.contentType ?? "audio/mpeg", content: response.body };
}
