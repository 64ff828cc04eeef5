import { expect, test } from "@playwright/test";
import { OTHER_PROJECT, PROJECT } from "./support/fixtures";
import { activateAfterConnecting, apiToken, signInAs, sql } from "./support/helpers";

const OUTAGE_CALL = {
  id: "call-during-outage",
  type: "call",
  direction: "incoming",
  status: "answered",
  startedAt: new Date().toISOString(),
  durationSec: 42,
  caller: "+380509990011",
  callee: "+380441234567",
  line: "sales-1",
};

test.describe("CRM connection (F1)", () => {
  test.beforeEach(async () => {
    await sql(`DELETE FROM "Integration" WHERE "projectId" IN (SELECT id FROM "Project" WHERE key IN ($1, $2))`, [PROJECT.key, OTHER_PROJECT.key]);
  });

  test("an admin connects the Pipedrive sandbox, tests the connection and disconnects", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    await expect(page.getByRole("heading", { name: "Not connected to a CRM" })).toBeVisible();
    await page.getByRole("button", { name: "Use the sandbox Pipedrive" }).click();
    await activateAfterConnecting(page);
    await expect(page.getByTestId("inactive-hint")).toHaveCount(0);
    await expect(page.getByTestId("connected-account")).toContainText("Callbridge Demo Sales");
    await expect(page.getByTestId("connected-account")).toContainText("Olena Koval <olena.koval@callbridge.local>");

    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByTestId("connection-message")).toHaveText("The connection works: Callbridge Demo Sales, signed in as Olena Koval <olena.koval@callbridge.local>.");

    // The token never reaches the browser: not in the page, and sealed in the database.
    const [row] = await sql<{ credentialsEncrypted: string }>(`SELECT "credentialsEncrypted" FROM "Integration" i JOIN "Project" p ON p.id = i."projectId" WHERE p.key = $1`, [PROJECT.key]);
    expect(row?.credentialsEncrypted).toMatch(/^v2:/);
    // The sandbox keeps only its tokens' digests: the token itself comes from its control endpoint.
    const described = await page.request.get(`/sandbox/pipedrive/_control?project=${PROJECT.key}`, { headers: { authorization: `Bearer ${apiToken(PROJECT.key)}` } });
    const token = ((await described.json()) as { credentials: { apiToken: string } }).credentials.apiToken;
    expect(await page.content()).not.toContain(token);
    expect(row?.credentialsEncrypted).not.toContain(token);

    await page.getByRole("button", { name: "Disconnect" }).click();
    await page.getByRole("group").getByRole("button", { name: "Disconnect" }).click();
    await expect(page.getByRole("heading", { name: "Not connected to a CRM" })).toBeVisible();
  });

  test("deactivate asks first; the replay checkbox shows only while inactive; activate again and watch the replay", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    await page.getByRole("button", { name: "Use the sandbox Pipedrive" }).click();
    await activateAfterConnecting(page);
    await expect(page.getByLabel(/Send data to CRM after re-activating/)).toHaveCount(0);
    await page.getByRole("button", { name: "Deactivate" }).click();
    await page.getByRole("group").getByRole("button", { name: "Deactivate" }).click();
    await expect(page.getByTestId("integration-status")).toHaveText("Inactive");
    // An event that arrived while inactive is counted before the admin decides.
    await sql(`DELETE FROM "Event" WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
    await sql(
      `INSERT INTO "Event" (id, "projectId", "externalId", type, payload, status, "occurredAt", "nextAttemptAt") SELECT 'e2e-replay', id, 'call-during-outage', 'call', $2::jsonb, 'queued', now(), now() FROM "Project" WHERE key = $1`,
      [PROJECT.key, JSON.stringify(OUTAGE_CALL)],
    );
    // The count follows new events without a reload.
    await expect(page.getByTestId("replay-count")).toHaveText("Stored events of the last 3 days that did not reach the CRM: 1.");
    await page.getByLabel(/Send data to CRM after re-activating/).check();
    await page.getByRole("button", { name: "Activate" }).click();
    await expect(page.getByTestId("integration-status")).toHaveText("Active");
    const audit = await sql<{ after: { replay?: boolean } }>(
      `SELECT after FROM "AuditEntry" WHERE action = 'integration.activate' AND "projectId" = (SELECT id FROM "Project" WHERE key = $1) ORDER BY "createdAt" DESC LIMIT 1`,
      [PROJECT.key],
    );
    expect(audit[0]?.after.replay).toBe(true);
    const [event] = await sql<{ status: string }>(`SELECT status FROM "Event" WHERE id = 'e2e-replay'`);
    expect(event?.status).toBe("queued");
    // The progress bar follows the replay as the worker sends the event.
    await expect(page.getByTestId("replay-progress-text")).toContainText("0 of 1 reached the CRM, 0 failed, 0 failed and will be tried again, 1 waiting");
    const run = await page.request.post(`/api/v1/projects/${PROJECT.key}/deliveries/run`, { headers: { authorization: `Bearer ${apiToken(PROJECT.key)}` } });
    expect(run.status()).toBe(200);
    await expect(page.getByTestId("replay-progress-text")).toContainText("1 of 1 reached the CRM, 0 failed, 0 failed and will be tried again, 0 waiting");
    await expect(page.getByRole("heading", { name: "All stored events reached the CRM" })).toBeVisible();
  });

  test("a broken integration says why in the admin's language, and Test connection leads back to Activate with the replay and Send again", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    await page.getByRole("button", { name: "Use the sandbox Pipedrive" }).click();
    await activateAfterConnecting(page);
    // As after a refusal the CRM has since taken back (its user was switched off, then on again), with a
    // call parked meanwhile and the CRM's own words stored for support.
    await sql(`DELETE FROM "Event" WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
    await sql(`UPDATE "Integration" SET status = 'broken', "lastError" = 'Pipedrive refused the API token (401)', "brokenAt" = now() WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
    await sql(
      `INSERT INTO "Event" (id, "projectId", "externalId", type, payload, status, reason, "occurredAt", "nextAttemptAt") SELECT 'e2e-parked', id, 'call-while-broken', 'call', $2::jsonb, 'queued', 'waiting: the integration is broken', now(), NULL FROM "Project" WHERE key = $1`,
      [PROJECT.key, JSON.stringify({ ...OUTAGE_CALL, id: "call-while-broken" })],
    );
    await page.getByLabel("Language").selectOption("pl");
    await expect(page.getByTestId("broken-cause")).toContainText("Pipedrive odrzucił zapisane dane logowania: przekazywanie wstrzymane, nic nie przepadło.");
    // The CRM's English is there for support, folded away, not the first thing a Polish admin reads.
    await expect(page.getByText("Pipedrive refused the API token (401)")).toBeHidden();
    await page.getByTestId("broken-cause").getByText("Co zostało odrzucone (dla wsparcia)").click();
    await expect(page.getByTestId("broken-cause").getByText("Pipedrive refused the API token (401)")).toBeVisible();

    await page.getByRole("button", { name: "Sprawdź połączenie" }).click();
    await expect(page.getByTestId("connection-message")).toContainText("Zapisane dane logowania znów działają");
    await expect(page.getByTestId("integration-status")).toHaveText("Nieaktywna");
    // The way out: Activate with the replay of what waited meanwhile.
    await expect(page.getByTestId("replay-count")).toContainText("1");
    await page.getByLabel(/Wyślij dane do CRM po ponownej aktywacji/).check();
    await page.getByRole("button", { name: "Aktywuj" }).click();
    await expect(page.getByTestId("integration-status")).toHaveText("Aktywna");
    const [event] = await sql<{ status: string; reason: string | null }>(`SELECT status, reason FROM "Event" WHERE id = 'e2e-parked'`);
    expect(event).toEqual({ status: "queued", reason: null });

    // A parked event, should one be left behind, can be sent again from the Events page while active.
    await sql(`UPDATE "Event" SET "nextAttemptAt" = NULL, reason = 'waiting: the integration is inactive' WHERE id = 'e2e-parked'`);
    await page.goto(`/${PROJECT.key}/events?event=e2e-parked`);
    await page.getByTestId("event-detail").getByRole("button", { name: "Wyślij ponownie" }).click();
    await expect.poll(async () => (await sql<{ next: Date | null }>(`SELECT "nextAttemptAt" AS next FROM "Event" WHERE id = 'e2e-parked'`))[0]?.next).not.toBeNull();
    // Delivered, its trace reads in Polish: what was searched and written, said from the stored words.
    await page.request.post(`/api/v1/projects/${PROJECT.key}/deliveries/run`, { headers: { authorization: `Bearer ${apiToken(PROJECT.key)}` } });
    await expect.poll(async () => (await sql<{ status: string }>(`SELECT status FROM "Event" WHERE id = 'e2e-parked'`))[0]?.status).toBe("delivered");
    await page.reload();
    // The caller was found by the search, or (the replay delivered it first) through the link cache.
    await expect(page.getByTestId("event-trace")).toContainText(/Kontakt(?:: wyszukiwanie po cyfrach numeru 509990011| \d+ \(z pamięci powiązań\))/);
    await expect(page.getByTestId("event-trace")).toContainText("Wpis połączenia „Incoming call”");
    await expect(page.getByTestId("event-trace")).not.toContainText(/by phone digits|link cache|call log/);
    await page.getByLabel("Język").selectOption("en");
  });

  test("replay progress never calls failures sent: retries show as such, and a replay that ends with failures says so", async ({ page, request }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    await page.getByRole("button", { name: "Use the sandbox Pipedrive" }).click();
    await activateAfterConnecting(page);
    await page.getByRole("button", { name: "Deactivate" }).click();
    await page.getByRole("group").getByRole("button", { name: "Deactivate" }).click();
    await sql(`DELETE FROM "Event" WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
    for (const id of ["e2e-retry-1", "e2e-retry-2"]) {
      await sql(
        `INSERT INTO "Event" (id, "projectId", "externalId", type, payload, status, "occurredAt", "nextAttemptAt") SELECT $2, id, $2, 'call', $3::jsonb, 'queued', now(), now() FROM "Project" WHERE key = $1`,
        [PROJECT.key, id, JSON.stringify({ ...OUTAGE_CALL, id })],
      );
    }
    await expect(page.getByTestId("replay-count")).toHaveText("Stored events of the last 3 days that did not reach the CRM: 2.");
    await page.getByLabel(/Send data to CRM after re-activating/).check();
    await page.getByRole("button", { name: "Activate" }).click();
    // The CRM answers every request with a server error: both events fail and wait for a retry.
    const control = (data: Record<string, unknown>) => request.post(`/sandbox/pipedrive/_control?project=${PROJECT.key}`, { data, headers: { authorization: `Bearer ${apiToken(PROJECT.key)}` } });
    expect((await control({ errorRate: 1 })).status()).toBe(200);
    try {
    await page.request.post(`/api/v1/projects/${PROJECT.key}/deliveries/run`, { headers: { authorization: `Bearer ${apiToken(PROJECT.key)}` } });
    } finally {
      await control({ reset: true });
    }
    await expect(page.getByTestId("replay-progress-text")).toContainText("0 of 2 reached the CRM, 0 failed, 2 failed and will be tried again, 0 waiting");
    await expect(page.getByRole("heading", { name: "Sending the stored events to the CRM" })).toBeVisible();
    await expect(page.getByTestId("replay-bar-retrying")).toBeVisible();
    // Retries run out: the replay is over, and it says that those events did not reach the CRM.
    await sql(`UPDATE "Event" SET status = 'dead', "nextAttemptAt" = NULL WHERE id IN ('e2e-retry-1', 'e2e-retry-2')`);
    await page.reload();
    await expect(page.getByRole("heading", { name: "Replay finished: 2 of 2 events did not reach the CRM" })).toBeVisible();
    await expect(page.getByTestId("replay-bar-failed")).toBeVisible();
    await expect(page.getByTestId("replay-bar-delivered")).toHaveCount(0);
  });

  test("a wrong Pipedrive token and a malformed address get clear errors, and nothing is saved", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    const form = page.getByRole("form", { name: "Pipedrive" });
    await form.getByLabel("Company address").fill("not a url");
    await form.getByLabel("API token").fill("short");
    await form.getByRole("button", { name: "Connect" }).click();
    await expect(page.getByTestId("apiBase-error")).toHaveText("Enter the address, for example https://acme.pipedrive.com.");
    await expect(page.getByTestId("apiToken-error")).toHaveText("Paste the API token (20 characters or more).");

    await form.getByLabel("Company address").fill(`${new URL(page.url()).origin}/sandbox/pipedrive`);
    await form.getByLabel("API token").fill("0123456789abcdef0123456789abcdef01234567");
    await form.getByRole("button", { name: "Connect" }).click();
    await expect(page.getByTestId("pipedrive-error")).toContainText("The CRM refused these credentials");
    expect(await sql(`SELECT 1 FROM "Integration" i JOIN "Project" p ON p.id = i."projectId" WHERE p.key = $1`, [PROJECT.key])).toHaveLength(0);
  });

  test("an admin connects the Zoho sandbox through its OAuth consent page", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    const form = page.getByRole("form", { name: "Zoho CRM" });
    await expect(form.getByLabel("Data centre")).toHaveValue("sandbox");
    await form.getByRole("button", { name: "Continue to Zoho" }).click();
    await expect(page.getByRole("heading", { name: "Zoho CRM sandbox" })).toBeVisible();
    await page.getByRole("button", { name: "Accept" }).click();
    await expect(page).toHaveURL(new RegExp(`/${PROJECT.key}/integration\\?connected=zoho`));
    await expect(page.getByText("Zoho CRM is connected.")).toBeVisible();
    await activateAfterConnecting(page);
    await expect(page.getByTestId("connected-account")).toContainText("Callbridge Demo Sales");
  });

  test("an admin connects the Pipedrive sandbox by OAuth through its consent page", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    const oauth = page.getByRole("form", { name: "Or connect with OAuth" });
    await expect(oauth.getByText(/\/api\/integrations\/pipedrive\/callback$/)).toBeVisible();
    // A real app needs its id and secret; the sandbox brings its own.
    await oauth.getByRole("button", { name: "Continue to Pipedrive" }).click();
    await expect(page.getByTestId("pipedriveClientId-error")).toHaveText("Enter the client ID.");
    await oauth.getByRole("button", { name: "Sandbox Pipedrive by OAuth" }).click();
    await expect(page.getByRole("heading", { name: "Pipedrive sandbox" })).toBeVisible();
    await page.getByRole("button", { name: "Accept" }).click();
    await expect(page).toHaveURL(new RegExp(`/${PROJECT.key}/integration\\?connected=pipedrive`));
    await expect(page.getByText("Pipedrive is connected.")).toBeVisible();
    await activateAfterConnecting(page);
    await expect(page.getByTestId("connected-account")).toContainText("Callbridge Demo Sales");
  });

  test("denying access on Zoho's consent page is reported and connects nothing", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    await page.getByRole("form", { name: "Zoho CRM" }).getByRole("button", { name: "Continue to Zoho" }).click();
    await page.getByRole("button", { name: "Deny" }).click();
    await expect(page.getByTestId("integration-error")).toHaveText("The CRM did not grant access, or refused the authorization. Start the connection again.");
    await expect(page.getByRole("heading", { name: "Not connected to a CRM" })).toBeVisible();
  });

  test("a real Zoho data centre needs a client id and secret", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    const form = page.getByRole("form", { name: "Zoho CRM" });
    await form.getByLabel("Data centre").selectOption("eu");
    await form.getByRole("button", { name: "Continue to Zoho" }).click();
    await expect(page.getByTestId("clientId-error")).toHaveText("Enter the client ID.");
    await expect(page.getByTestId("clientSecret-error")).toHaveText("Enter the client secret.");
  });

  test("a viewer sees the connection but cannot connect or disconnect", async ({ page }) => {
    await signInAs(page, "viewer", `/${PROJECT.key}/integration`);
    await expect(page.getByText("You have read-only access: ask an owner or admin to change the connection.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Use the sandbox Pipedrive" })).toHaveCount(0);
  });

  test("a project's sandbox is controlled only by its ADMINs: anonymous 401, another project's token 403, no other account reachable", async ({ request }) => {
    const control = (query: string, token?: string) =>
      request.post(`/sandbox/pipedrive/_control?${query}`, { data: { revokeTokens: true }, headers: token ? { authorization: `Bearer ${token}` } : {} });
    expect((await control(`project=${PROJECT.key}`)).status()).toBe(401);
    expect((await control("account=default")).status()).toBe(400);
    expect((await control(`project=${PROJECT.key}`, apiToken(OTHER_PROJECT.key))).status()).toBe(403);
    const own = await request.get(`/sandbox/pipedrive/_control?project=${PROJECT.key}`, { headers: { authorization: `Bearer ${apiToken(PROJECT.key)}` } });
    expect(own.status()).toBe(200);
    expect((await own.json()).account).toBe(`project-${PROJECT.key}`);
    const other = await request.get(`/sandbox/pipedrive/_control?project=${PROJECT.key}&account=project-${OTHER_PROJECT.key}`, { headers: { authorization: `Bearer ${apiToken(PROJECT.key)}` } });
    expect(other.status()).toBe(404);
  });

  test("the sandbox viewer lists what the sandbox holds, including contacts in local phone formats", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/sandbox`);
    await expect(page.getByTestId("sandbox-persons")).toContainText("067 123 45 67");
    await expect(page.getByTestId("sandbox-persons")).toContainText("Taras Melnyk");
    await page.getByRole("link", { name: "Zoho CRM" }).click();
    await expect(page.getByTestId("sandbox-Contacts")).toContainText("(050) 555-12-34");
    await expect(page.getByTestId("sandbox-Deals")).toContainText("Closed Won");
  });
});
