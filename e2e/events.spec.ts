import { createHmac } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { PROJECT } from "./support/fixtures";
import { activateAfterConnecting, apiToken, signInAs, sql } from "./support/helpers";

async function postSigned(request: APIRequestContext, secret: string, path: "events" | "responsible-manager", body: Record<string, unknown>) {
  const raw = JSON.stringify(body);
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v1=${createHmac("sha256", secret).update(`${timestamp}.${raw}`).digest("hex")}`;
  return request.post(`/api/webhooks/${PROJECT.key}/${path}`, { data: raw, headers: { "content-type": "application/json", "x-callbridge-timestamp": String(timestamp), "x-callbridge-signature": signature } });
}
const postEvent = (request: APIRequestContext, secret: string, body: Record<string, unknown>) => postSigned(request, secret, "events", body);

/** The secret is shown once, when rotated: rotate it through the UI as an admin would, then sign with it. */
async function rotateSecret(page: Page): Promise<string> {
  await page.goto(`/${PROJECT.key}/settings`);
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByRole("group").getByRole("button", { name: "Rotate secret" }).click();
  return (await page.getByTestId("new-webhook-secret").textContent())!;
}

test.describe("events (F15) from the signed webhook", () => {
  test("a posted call appears in the Events page and the API; a stop-listed one is skipped and can be sent again", async ({ page, request }) => {
    await sql(`DELETE FROM "Event" WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
    await signInAs(page, "admin", `/${PROJECT.key}/settings`);
    const rotated = await rotateSecret(page);

    await sql(`DELETE FROM "ProjectConfig" WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
    await page.goto(`/${PROJECT.key}/stop-list`);
    const form = page.getByRole("form", { name: "Add an entry" });
    await form.getByLabel("SIP login").fill("office-101");
    await form.getByRole("button", { name: "Add" }).click();
    await expect(page.getByTestId("stop-list")).toContainText("office-101");

    const base = { type: "call", direction: "incoming", status: "answered", startedAt: new Date().toISOString(), caller: "+380671234567", callee: "+380441234567" };
    expect((await postEvent(request, rotated, { ...base, id: "e2e-call-1", line: "sales-1" })).status()).toBe(202);
    const skipped = await postEvent(request, rotated, { ...base, id: "e2e-call-2", line: "office-101" });
    expect(await skipped.json()).toMatchObject({ status: "skipped" });
    expect((await postEvent(request, "whsec_wrong", { ...base, id: "e2e-call-3", line: "sales-1" })).status()).toBe(401);

    await page.goto(`/${PROJECT.key}/events`);
    const table = page.getByTestId("events-table");
    await expect(table.getByRole("row")).toHaveCount(3);
    await expect(table).toContainText("e2e-call-1");
    // Reasons read in words; the stop-list entry is named.
    await expect(table).toContainText("On the stop-list (office-101): nothing was written to the CRM");
    await page.getByLabel("Status").selectOption("skipped");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(table.getByRole("row")).toHaveCount(2);
    await table.getByRole("link", { name: "e2e-call-2" }).click();
    await expect(page.getByTestId("event-detail")).toContainText('"line": "office-101"');
    // Still stop-listed: sending it again asks first, in the page, naming the entry.
    await page.getByTestId("event-detail").getByRole("button", { name: "Send again" }).click();
    const confirm = page.getByTestId("event-detail").getByTestId("stop-listed-confirm");
    await expect(confirm).toContainText("on the stop-list (stop-list: office-101)");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("event-detail")).toContainText("Skipped");
    await page.getByTestId("event-detail").getByRole("button", { name: "Send again" }).click();
    await confirm.getByRole("button", { name: "Send despite the stop-list" }).click();
    await expect(page.getByTestId("event-detail")).toContainText("Queued");
    const [override] = await sql<{ count: string }>(`SELECT count(*) FROM "AuditEntry" WHERE action = 'event.resendDespiteStopList' AND target = 'e2e-call-2'`);
    expect(override!.count).toBe("1");

    const listed = await request.get(`/api/v1/projects/${PROJECT.key}/events?status=queued`, { headers: { authorization: `Bearer ${apiToken(PROJECT.key)}` } });
    expect((await listed.json()).events.map((event: { externalId: string }) => event.externalId).sort()).toEqual(["e2e-call-1", "e2e-call-2"]);
  });

  test("the PBX asks for the responsible manager; the lookup and its trace show on the Events page", async ({ page, request }) => {
    await sql(`DELETE FROM "Event" WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
    await sql(`DELETE FROM "Integration" WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    await page.getByRole("button", { name: "Use the sandbox Pipedrive" }).click();
    await activateAfterConnecting(page);
    // Routing on, Olena an employee: through the config API, as an operator's script would.
    const auth = { authorization: `Bearer ${apiToken(PROJECT.key)}` };
    const document = await (await request.get(`/api/v1/projects/${PROJECT.key}/integration`, { headers: auth })).json();
    document.config.employees = [{ id: "olena", name: "Olena Koval", email: "olena.koval@callbridge.local", sip: "olena", crmUserId: "" }];
    document.config.routing = { enabled: true, mode: "crm_owner", order: ["contact", "organization", "deal"], fallbackEmployeeId: "", timeoutMs: 3000 };
    expect((await request.put(`/api/v1/projects/${PROJECT.key}/integration`, { headers: auth, data: document })).status()).toBe(200);
    const secret = await rotateSecret(page);

    // The sandbox holds Taras Melnyk as "067 123 45 67", owned by Olena.
    const answer = await postSigned(request, secret, "responsible-manager", { callerNumber: "+380671234567" });
    expect(answer.status()).toBe(200);
    expect(await answer.json()).toMatchObject({ employee: { sip: "olena", name: "Olena Koval" }, matched: { entity: "contact" } });
    const unknown = await postSigned(request, secret, "responsible-manager", { callerNumber: "+380509990000" });
    expect([unknown.status(), await unknown.json()]).toEqual([404, { next: true }]);
    expect((await postSigned(request, "whsec_wrong", "responsible-manager", { callerNumber: "+380671234567" })).status()).toBe(401);

    // Lookups are recorded just after the answer has gone.
    await expect.poll(async () => (await sql(`SELECT 1 FROM "Event" WHERE type = 'lookup' AND "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key])).length).toBe(2);
    await page.goto(`/${PROJECT.key}/events?type=lookup`);
    const table = page.getByTestId("events-table");
    await expect(table.getByRole("row")).toHaveCount(3);
    await expect(table).toContainText("owned by Olena Koval");
    await expect(table).toContainText("Answered");
    await expect(table).toContainText("Next block");
    await expect(table.getByRole("button", { name: "Send again" })).toHaveCount(0);
    await table.getByRole("row").filter({ hasText: "owned by Olena Koval" }).getByRole("link").click();
    const trace = page.getByTestId("event-trace");
    await expect(trace).toContainText("contact by phone digits 671234567");
    await expect(trace).toContainText("→ Olena Koval (CRM e-mail)");
  });

  test("a viewer sees events but cannot send them again", async ({ page }) => {
    await signInAs(page, "viewer", `/${PROJECT.key}/events`);
    await expect(page.getByRole("heading", { level: 1, name: "Events" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Send again" })).toHaveCount(0);
  });
});

test("the dry run shows the plan for a sample event and writes nothing", async ({ page }) => {
  await sql(`DELETE FROM "Integration" WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
  await sql(`DELETE FROM "ProjectConfig" WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
  await signInAs(page, "admin", `/${PROJECT.key}/integration`);
  await page.getByRole("button", { name: "Use the sandbox Pipedrive" }).click();
  await activateAfterConnecting(page);
  const before = await sql<{ count: string }>(`SELECT count(*) FROM "SandboxRecord"`);
  await page.goto(`/${PROJECT.key}/events`);
  await page.getByRole("button", { name: "Simulate" }).click();
  await expect(page.getByTestId("simulator-result")).toContainText("Contact: Taras Melnyk");
  await expect(page.getByTestId("simulator-plan").getByRole("listitem")).toHaveText([/^task "Call back \+380671234567: missed call"/, 'call log "Incoming call (missed)"']);
  expect(await sql<{ count: string }>(`SELECT count(*) FROM "SandboxRecord"`)).toEqual(before);
  await page.getByLabel("Sample event (JSON)").fill("{ not json");
  await page.getByRole("button", { name: "Simulate" }).click();
  await expect(page.getByTestId("simulator-error")).toContainText("The sample is not valid JSON");
});

test("events as a support tool: search by a number in another format, lookups on request, pages, CRM links, failed ones sent again at once", async ({ page }) => {
  const project = `(SELECT id FROM "Project" WHERE key = '${PROJECT.key}')`;
  await sql(`DELETE FROM "Event" WHERE "projectId" = ${project}`);
  await sql(`DELETE FROM "Integration" WHERE "projectId" = ${project}`);
  await signInAs(page, "admin", `/${PROJECT.key}/integration`);
  await page.getByRole("button", { name: "Use the sandbox Pipedrive" }).click();
  await expect(page.getByTestId("integration-status")).toHaveText("Inactive");
  const [integration] = await sql<{ id: string }>(`SELECT id FROM "Integration" WHERE "projectId" = ${project}`);
  const connection = `${integration!.id}:pipedrive:sandbox`;
  // 60 calls of one client, delivered (a contact created, 66), newest last; 3 failed calls of another; 1 lookup.
  await sql(`INSERT INTO "Event" (id, "projectId", "externalId", type, payload, status, "occurredAt", "receivedAt", "deliveredAt", "clientPhone", "clientKey", trace)
    SELECT 'sup-' || n, ${project}, 'support-call-' || n, 'call', '{"caller":"067 555 12 34"}'::jsonb, 'delivered', now() - make_interval(mins => 200 - n), now() - make_interval(mins => 200 - n), now(), '+380675551234', 'phone:+380675551234',
      jsonb_build_array(jsonb_build_object('op', 'create', 'detail', 'create contact', 'ok', true, 'id', '66', 'step', 'create:contact', 'at', 'x', 'connection', $1::text))
    FROM generate_series(1, 60) n`, [connection]);
  await sql(`INSERT INTO "Event" (id, "projectId", "externalId", type, payload, status, reason, "occurredAt", "receivedAt", "clientPhone", "clientKey")
    SELECT 'sup-f' || n, ${project}, 'failing-call-' || n, 'call', '{"caller":"+380501112233"}'::jsonb, 'failed', 'Create persons: Pipedrive answered 502', now(), now() - make_interval(mins => 300 + n), '+380501112233', 'phone:+380501112233'
    FROM generate_series(1, 3) n`);
  await sql(`INSERT INTO "Event" (id, "projectId", "externalId", type, payload, status, reason, "occurredAt", "receivedAt", "clientPhone") VALUES ('sup-l', ${project}, 'lookup-1', 'lookup', '{"callerNumber":"0675551234"}'::jsonb, 'delivered', 'Olena in 9 ms: owner', now(), now(), '+380675551234')`);

  await page.goto(`/${PROJECT.key}/events`);
  const table = page.getByTestId("events-table");
  await expect(table.getByRole("row")).toHaveCount(51);
  await expect(table).not.toContainText("Responsible-manager lookup");
  const newest = table.getByRole("row").nth(1);
  await expect(newest).toContainText("+380675551234");
  await expect(newest.getByRole("link", { name: "66" })).toHaveAttribute("href", `/${PROJECT.key}/sandbox`);
  await page.getByTestId("older-events").click();
  await expect(table.getByRole("row")).toHaveCount(14);
  await expect(table).toContainText("The CRM had a server error; it is tried again later");
  await expect(page.getByTestId("older-events")).toHaveCount(0);
  await page.getByRole("link", { name: "← Newest events" }).click();

  await page.getByLabel("Show responsible-manager lookups").check();
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(table.getByRole("row").nth(1)).toContainText("Responsible-manager lookup");

  // The number as a person types it finds the events stored in E.164.
  await page.getByLabel("Show responsible-manager lookups").uncheck();
  await page.getByLabel("Search").fill("067 555 12 34");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByTestId("search-meaning")).toHaveText("Events of the number +380675551234");
  await expect(table.getByRole("row")).toHaveCount(51);
  await expect(table).not.toContainText("+380501112233");
  await page.getByLabel("Search").fill("failing-call-2");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(table.getByRole("row")).toHaveCount(2);

  await page.getByLabel("Search").fill("");
  await page.getByLabel("Status").selectOption("failed");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.getByRole("button", { name: "Send again all 3 failed" }).click();
  await page.getByRole("group").getByRole("button", { name: "Send again all 3 failed" }).click();
  await expect(page.getByTestId("resend-failed")).toContainText("3 events are queued again.");
  const [queued] = await sql<{ count: string }>(`SELECT count(*) FROM "Event" WHERE "projectId" = ${project} AND "externalId" LIKE 'failing-call-%' AND status = 'queued'`);
  expect(queued!.count).toBe("3");
});
