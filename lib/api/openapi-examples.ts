// Worked examples of the REST API's requests and answers, for the OpenAPI document. The OpenAPI test
// checks every one against its schema, so an example cannot drift from what the API takes and answers.
import { defaultConfig } from "@/lib/config/defaults";

const config = () => {
  const value = defaultConfig();
  value.defaultFields.contact = { ...value.defaultFields.contact, utmSource: "UTM_Source", utmMedium: "UTM_Medium", utmCampaign: "UTM_Campaign", clientId: "Client_ID" };
  value.mappings.call.deal = [{ field: "Call_Pool", source: { type: "variable", name: "pool" } }];
  value.mappings.form.contact = [{ field: "Form_Name", source: { type: "variable", name: "formName" } }];
  value.stageRules = [{ id: "ads", pipelineId: "5725767000000091023", stageId: "5725767000000006803", variable: "pool", operator: "equals", value: "Контекстна реклама" }];
  value.stopList = [{ id: "reception", kind: "sip", value: "office-101", note: "Reception desk" }];
  value.employees = [{ id: "olena", name: "Olena Koval", email: "olena.koval@example.com", sip: "olena", crmUserId: "5725767000000000003" }];
  return value;
};

const EVENT_SUMMARY = {
  id: "cmabc123",
  externalId: "call-8842",
  type: "call",
  status: "delivered",
  reason: null,
  attempts: 1,
  occurredAt: "2026-11-26T09:12:00.000Z",
  receivedAt: "2026-11-26T09:13:05.000Z",
  deliveredAt: "2026-11-26T09:13:06.000Z",
};

const ZOHO_EU = { crm: "zoho", dataCenter: "eu", accountsUrl: "https://accounts.zoho.eu", apiDomain: "https://www.zohoapis.eu", clientId: "1000.EXAMPLECLIENTID" };

export const EXAMPLES = {
  /** A new project configured in one PUT: the connection is checked first, then the configuration against that CRM. */
  documentPut: {
    connection: { ...ZOHO_EU, clientSecret: "example-client-secret", refreshToken: "1000.example-refresh-token" },
    config: config(),
  },
  documentGet: {
    crm: "zoho",
    status: "inactive",
    lastError: null,
    pause: null,
    account: { crm: "zoho", accountName: "Acme Sales", userName: "Olena Koval", userEmail: "olena.koval@example.com", apiBase: "https://www.zohoapis.eu", checkedAt: "2026-11-26T09:00:00.000Z" },
    // GET shows the secrets masked; sending the masks back keeps them.
    connection: { ...ZOHO_EU, clientSecret: "********", refreshToken: "********" },
    config: config(),
  },
  unprocessable: {
    error: {
      code: "UNPROCESSABLE",
      message: "The configuration is not valid; nothing was changed.",
      issues: [
        { path: "config.mappings.form.contact.0.source.name", message: "Not a variable the platform sends: choose one from the list, or variables.<name> for a custom one." },
        { path: "config.stageRules.0.stageId", message: "This stage does not exist in the pipeline." },
      ],
    },
  },
  crmMetadata: {
    crm: "zoho",
    fields: {
      lead: [{ key: "UTM_Source", label: "UTM Source", type: "text", custom: true, mappable: true, maxLength: 255 }],
      contact: [
        { key: "Last_Name", label: "Last Name", type: "text", custom: false, mappable: false, maxLength: 80 },
        { key: "Client_ID", label: "Client ID", type: "text", custom: true, mappable: true, maxLength: 255 },
      ],
      organization: [],
      deal: [{ key: "Call_Pool", label: "Call pool", type: "text", custom: true, mappable: true, maxLength: 255 }],
    },
    pipelines: [
      {
        id: "5725767000000091023",
        name: "Default",
        isDefault: true,
        stages: [
          { id: "5725767000000006801", name: "Qualification", order: 1, state: "open" },
          { id: "5725767000000006803", name: "Identify Decision Makers", order: 2, state: "open" },
          { id: "5725767000000006815", name: "Closed Won", order: 3, state: "won" },
        ],
      },
    ],
    users: [{ id: "5725767000000000003", name: "Olena Koval", email: "olena.koval@example.com", active: true }],
  },
  activateRequest: { replay: true },
  activated: { status: "active", replay: { requested: true, events: 3, skipped: 0 } },
  deactivated: { status: "inactive" },
  events: { events: [EVENT_SUMMARY] },
  event: {
    ...EVENT_SUMMARY,
    nextAttemptAt: null,
    payload: { id: "call-8842", type: "call", direction: "incoming", status: "answered", startedAt: "2026-11-26T09:12:00Z", caller: "+380671234567", callee: "+380441234567", line: "sales-1" },
    trace: [
      { op: "search", detail: "contact by phone +380671234567", ok: true, at: "2026-11-26T09:13:05.100Z" },
      { op: "create", detail: "create contact", ok: true, id: "5725767000000412001", at: "2026-11-26T09:13:05.300Z" },
      { op: "callLog", detail: "call log", ok: true, id: "5725767000000412009", at: "2026-11-26T09:13:05.800Z" },
    ],
  },
  deliveries: { claimed: 4, delivered: 3, retrying: 1, failed: 0, dead: 0, paused: 0, skipped: 0 },
  callEvent: {
    id: "call-8842-completed",
    type: "call",
    callId: "call-8842",
    phase: "completed",
    direction: "incoming",
    status: "answered",
    startedAt: "2026-11-26T09:12:00Z",
    durationSec: 95,
    caller: "+380671234567",
    callee: "+380441234567",
    line: "sales-1",
    employee: { sip: "olena", email: "olena.koval@example.com", name: "Olena Koval" },
    pool: "Контекстна реклама",
    recordingUrl: "https://records.example.com/call-8842.mp3",
    utm: { source: "google", medium: "cpc", campaign: "winter" },
    clientId: "GA1.2.4242",
  },
  stored: { eventId: "cmabc123", status: "queued" },
  managerRequest: { callerNumber: "+380671234567" },
  manager: {
    employee: { sip: "olena", email: "olena.koval@example.com", name: "Olena Koval" },
    crmUserId: "5725767000000000003",
    matched: { entity: "contact", id: "5725767000000412001" },
    caller: {
      name: "Taras Melnyk",
      entity: "contact",
      id: "5725767000000412001",
      url: "https://crm.zoho.eu/crm/org20071234/tab/Contacts/5725767000000412001",
      openDeal: { title: "Taras Melnyk — delivery contract", stage: "Needs Analysis", url: "https://crm.zoho.eu/crm/org20071234/tab/Deals/5725767000000412005" },
    },
  },
  next: { next: true, caller: { name: "Andrii Lysenko", entity: "contact", id: "59", url: "https://acme.pipedrive.com/person/59" } },
  tokenRequest: { name: "Nightly export", role: "VIEWER" },
  token: {
    token: "cbt_example_token_shown_once",
    summary: { id: "cmtok1", name: "Nightly export", role: "VIEWER", prefix: "cbt_exam", createdAt: "2026-11-26T09:00:00.000Z", lastUsedAt: null, revokedAt: null },
  },
  tokens: { tokens: [{ id: "cmtok1", name: "Nightly export", role: "VIEWER", prefix: "cbt_exam", createdAt: "2026-11-26T09:00:00.000Z", lastUsedAt: "2026-11-26T10:00:00.000Z", revokedAt: null }] },
  health: { ok: true, db: "up" },
} as const;

/** How the platform signs a webhook, as a shell recipe (openssl and curl); SECRET, URL and BODY are the caller's. */
export const SIGNING_RECIPE = [
  "TS=$(date +%s)",
  `SIG="v1=$(printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" -hex | sed 's/^.*= //')"`,
  'curl -X POST "$URL" -H "Content-Type: application/json" -H "X-Callbridge-Timestamp: $TS" -H "X-Callbridge-Signature: $SIG" --data-binary "$BODY"',
];
