// The Pipedrive connector against recorded examples of Pipedrive's documented answers, and the sandbox
// against the same examples: every key of a documented answer must be in the sandbox's answer too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthError, RetryableError } from "@/lib/errors";
import { answerFor, loadAnswers, missingPaths, recordedFetch } from "@/testing/fixtures";
import { openSandbox, pipedriveCredentials, type SandboxHandle } from "@/testing/sandbox";
import type { PipedriveCredentials } from "../types";
import { PipedriveConnector } from "./connector";
import documented from "./fixtures/documented.json";

const answers = loadAnswers(documented);
const answer = (key: string) => answers[key]!;
const credentials: PipedriveCredentials = { crm: "pipedrive", auth: "api_token", apiBase: "https://pipedrive.pipedrive.com", apiToken: "token" };

const connectorOn = (pick: Parameters<typeof recordedFetch>[0]) => {
  const recorded = recordedFetch(pick);
  return { pd: new PipedriveConnector(credentials, { fetch: recorded.fetch }), calls: recorded.calls, headers: recorded.headers };
};
const documentedApi = () => connectorOn((method, url) => answerFor(answers, method, url));

describe("Pipedrive connector on Pipedrive's documented answers", () => {
  it("reads the current user, users, fields and pipelines", async () => {
    const { pd, calls, headers } = documentedApi();
    expect(await pd.testConnection()).toEqual({ crm: "pipedrive", accountName: "Pipedrive Inc", userName: "John Doe", userEmail: "john@pipedrive.com", apiBase: "https://pipedrive.pipedrive.com", concurrency: 15 });
    expect(await pd.listUsers()).toEqual([
      { id: "1", name: "John Doe", email: "john@pipedrive.com", active: true },
      { id: "2", name: "Jane Roe", email: "jane@pipedrive.com", active: false },
    ]);
    const fields = await pd.listFields("contact");
    expect(fields.filter((field) => field.custom).map((field) => [field.label, field.isString])).toEqual([
      ["Client ID", true],
      ["Budget", false],
    ]);
    expect(fields.find((field) => field.key === "add_time")?.readOnly).toBe(true);
    expect(await pd.listPipelines()).toEqual([{ id: "1", name: "Sales", isDefault: true, stages: [{ id: "1", name: "Qualified", order: 1, state: "open" }] }]);
    // Metadata comes from API v2 wherever it exists; users only exist in v1.
    expect(calls.map((call) => call.split("?")[0])).toEqual(["GET /api/v1/users/me", "GET /api/v1/users", "GET /api/v2/personFields", "GET /api/v2/pipelines", "GET /api/v2/stages"]);
    // The API token travels in the x-api-token header, never in a URL.
    expect(headers.every((sent) => sent.get("x-api-token") === "token")).toBe(true);
    expect(calls.some((call) => call.includes("token"))).toBe(false);
  });

  it("maps a person search hit, a created person, open deals and a call log", async () => {
    const { pd } = documentedApi();
    expect(await pd.searchByPhone("contact", ["0671234567"])).toEqual([
      expect.objectContaining({ id: "1", name: "Jane Doe", phones: ["067 123 45 67"], emails: ["jane@pipedrive.com"], ownerId: "1", organizationId: "1" }),
    ]);
    expect(await pd.create("contact", { name: "Jane Doe" })).toEqual({ id: "12" });
    expect(await pd.openDealsOfContact("12")).toEqual([expect.objectContaining({ id: "1", contactId: "12", organizationId: "5", pipelineId: "1", stageId: "1", open: true })]);
    expect(await pd.logCall({ direction: "incoming", status: "answered", fromNumber: "1", toNumber: "2", startedAt: new Date(), durationSec: 60, subject: "Call", links: {} })).toEqual({ id: "3cde3b0f1b7c4d2c8e5a7b43a9d1e2f0" });
  });

  it("maps 401 to AuthError and 429 to RetryableError after the announced reset", async () => {
    await expect(connectorOn(() => answer("GET /api/v1/users unauthorized")).pd.listUsers()).rejects.toBeInstanceOf(AuthError);
    const busy = (await connectorOn(() => answer("GET /api/v1/users limit")).pd.listUsers().catch((error: unknown) => error)) as RetryableError;
    expect(busy).toBeInstanceOf(RetryableError);
    expect(busy.retryAfterMs).toBe(2_000);
  });
});

describe("the Pipedrive sandbox answers with every key of Pipedrive's documented answers", () => {
  let sandbox: SandboxHandle;
  let live: PipedriveCredentials & { auth: "api_token" };
  beforeAll(async () => {
    sandbox = await openSandbox("pipedrive", "pd-shape");
    live = (await pipedriveCredentials(sandbox)) as PipedriveCredentials & { auth: "api_token" };
  });
  afterAll(() => sandbox.server.close());

  const call = async (method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = { "x-api-token": live.apiToken, ...(body ? { "content-type": "application/json" } : {}) };
    const response = await fetch(`${live.apiBase}${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });
    return { status: response.status, headers: response.headers, body: await response.json() };
  };

  it.each([
    ["GET /api/v1/users/me", "/api/v1/users/me"],
    ["GET /api/v1/users", "/api/v1/users"],
    ["GET /api/v1/personFields", "/api/v1/personFields"],
    ["GET /api/v2/personFields", "/api/v2/personFields"],
    ["GET /api/v2/pipelines", "/api/v2/pipelines"],
    ["GET /api/v2/stages", "/api/v2/stages"],
    ["GET /api/v2/persons/search?term=0671234567", "/api/v2/persons/search?term=0671234567&fields=phone&exact_match=true"],
  ])("%s", async (key, path) => {
    const { status, body } = await call("GET", path);
    expect(status).toBe(answer(key).status);
    expect(missingPaths(answer(key).body, body)).toEqual([]);
  });

  it("POST /api/v2/persons, GET /api/v2/deals, POST /api/v1/callLogs", async () => {
    const person = await call("POST", "/api/v2/persons", { name: "Jane Doe", phones: [{ value: "+380671234567", primary: true, label: "work" }], emails: [{ value: "jane@pipedrive.com", primary: true, label: "work" }] });
    expect(missingPaths(answer("POST /api/v2/persons").body, person.body)).toEqual([]);
    const personId = (person.body as { data: { id: number } }).data.id;
    await call("POST", "/api/v2/deals", { title: "Deal One", person_id: personId });
    const deals = await call("GET", `/api/v2/deals?person_id=${personId}&status=open`);
    expect(missingPaths(answer("GET /api/v2/deals?person_id=12&status=open").body, deals.body)).toEqual([]);
    const log = await call("POST", "/api/v1/callLogs", { outcome: "connected", to_phone_number: "+380441234567", start_time: "2026-11-21 10:00:00", end_time: "2026-11-21 10:01:00", person_id: personId });
    expect(missingPaths(answer("POST /api/v1/callLogs").body, log.body)).toEqual([]);
  });

  it("401 and 429 have Pipedrive's bodies and rate-limit headers", async () => {
    const unauthorized = await fetch(`${live.apiBase}/api/v1/users`, { headers: { "x-api-token": "wrong" } });
    expect([unauthorized.status, await unauthorized.json()]).toEqual([401, answer("GET /api/v1/users unauthorized").body]);
    await sandbox.control({ burst429: 1 });
    const busy = await call("GET", "/api/v1/users");
    expect(busy.status).toBe(429);
    expect(busy.body).toEqual(answer("GET /api/v1/users limit").body);
    for (const header of ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"]) expect(busy.headers.get(header)).toMatch(/^\d+$/);
  });
});
