// The overview: the onboarding checklist advances as the project is set up, and the charts and numbers
// come from the project's stored events.
import { expect, test } from "@playwright/test";
import { OVERVIEW_PROJECT } from "./support/fixtures";
import { activateAfterConnecting, signInAs, sql } from "./support/helpers";

const project = `(SELECT id FROM "Project" WHERE key = '${OVERVIEW_PROJECT.key}')`;

test("the checklist advances step by step and goes away when the project is set up", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInAs(page, "owner", `/${OVERVIEW_PROJECT.key}`);
  const checklist = page.getByTestId("onboarding-checklist");
  await expect(checklist).toBeVisible();
  const done = (step: string) => checklist.getByTestId(`checklist-${step}`);
  for (const step of ["connect", "test", "matrix", "employees", "webhook", "firstEvent", "activate"]) await expect(done(step)).toHaveAttribute("data-done", "false");

  await done("connect").getByRole("link", { name: "Go" }).click();
  await page.getByRole("button", { name: "Use the sandbox Pipedrive" }).click();
  await expect(page.getByTestId("integration-status")).toHaveText("Inactive");
  await page.getByRole("link", { name: "Overview", exact: true }).click();
  await expect(done("connect")).toHaveAttribute("data-done", "true");
  await expect(done("test")).toHaveAttribute("data-done", "true");

  await page.goto(`/${OVERVIEW_PROJECT.key}/matrix`);
  await page.getByLabel("Web form — Lead").selectOption("create");
  await page.getByRole("form", { name: "Matrix" }).getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("form", { name: "Matrix" }).getByTestId("editor-status")).toHaveText("Saved.");
  await page.goto(`/${OVERVIEW_PROJECT.key}/employees`);
  await page.getByRole("button", { name: "Add an employee" }).click();
  const row = page.getByTestId("employee-row").nth(0);
  await row.getByLabel("Name", { exact: true }).fill("Olena Koval");
  await row.getByLabel("E-mail", { exact: true }).fill("olena.koval@callbridge.local");
  await row.getByLabel("SIP login").fill("olena");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("editor-status")).toHaveText("Saved.");

  await page.goto(`/${OVERVIEW_PROJECT.key}`);
  await expect(done("matrix")).toHaveAttribute("data-done", "true");
  await expect(done("employees")).toHaveAttribute("data-done", "true");
  await expect(checklist.getByTestId("webhook-url")).toHaveText(new RegExp(`/api/webhooks/${OVERVIEW_PROJECT.key}/events$`));
  await checklist.getByRole("button", { name: "Copy URL" }).click();
  await expect(done("webhook")).toHaveAttribute("data-done", "true");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(new RegExp(`/api/webhooks/${OVERVIEW_PROJECT.key}/events$`));

  await sql(`INSERT INTO "Event" (id, "projectId", "externalId", type, payload, status, "occurredAt") SELECT 'ov-first', ${project}, 'ov-first', 'call', '{}'::jsonb, 'queued', now()`);
  await page.reload();
  await expect(done("firstEvent")).toHaveAttribute("data-done", "true");
  await page.goto(`/${OVERVIEW_PROJECT.key}/integration`);
  await activateAfterConnecting(page);
  await page.goto(`/${OVERVIEW_PROJECT.key}`);
  await expect(page.getByTestId("overview-status")).toContainText("Active");
  await expect(checklist).toHaveCount(0);
});

test("charts, time to CRM, CRM requests, failing clients and routing answers come from the stored events", async ({ page }) => {
  await sql(`DELETE FROM "Event" WHERE "projectId" = ${project}`);
  // In the last hours: 8 delivered (20 s to the CRM, 3 CRM calls each, one a search), 3 failed for one client,
  // 1 skipped; 2 lookups answered and 1 over the time budget.
  await sql(`INSERT INTO "Event" (id, "projectId", "externalId", type, payload, status, "occurredAt", "receivedAt", "deliveredAt", trace, "clientKey")
    SELECT 'ov-d' || n, ${project}, 'ov-d' || n, 'call', '{}'::jsonb, 'delivered', now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours' + interval '20 seconds',
      '[{"op":"search","detail":"contact by phone","ok":true,"at":"x"},{"op":"create","detail":"create contact","ok":true,"at":"x"},{"op":"callLog","detail":"call log","ok":true,"at":"x"}]'::jsonb, 'phone:+38067000000' || n
    FROM generate_series(1, 8) n`);
  await sql(`INSERT INTO "Event" (id, "projectId", "externalId", type, payload, status, reason, "occurredAt", "receivedAt", "clientKey")
    SELECT 'ov-f' || n, ${project}, 'ov-f' || n, 'form', '{}'::jsonb, 'failed', 'Pipedrive refused the value of "phone"', now() - interval '1 hour', now() - interval '1 hour', 'phone:+380991112233'
    FROM generate_series(1, 3) n`);
  await sql(`INSERT INTO "Event" (id, "projectId", "externalId", type, payload, status, reason, "occurredAt") VALUES ('ov-s', ${project}, 'ov-s', 'call', '{}'::jsonb, 'skipped', 'stop-list: office-101', now())`);
  await sql(`INSERT INTO "Event" (id, "projectId", "externalId", type, payload, status, reason, "occurredAt")
    VALUES ('ov-l1', ${project}, 'ov-l1', 'lookup', '{}'::jsonb, 'delivered', 'Olena in 12 ms: owner', now()),
           ('ov-l2', ${project}, 'ov-l2', 'lookup', '{}'::jsonb, 'delivered', 'Olena in 15 ms: owner', now()),
           ('ov-l3', ${project}, 'ov-l3', 'lookup', '{}'::jsonb, 'skipped', 'next in 1500 ms: the CRM did not answer within the 1500 ms budget', now())`);

  await signInAs(page, "owner", `/${OVERVIEW_PROJECT.key}`);
  await expect(page.getByTestId("chart-hourly")).toHaveAttribute("data-total", "12");
  await expect(page.getByTestId("chart-daily")).toHaveAttribute("data-total", "12");
  // recharts drew the stacked bars.
  await expect(page.getByTestId("chart-hourly").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("chart-hourly").locator(".recharts-legend-item-text", { hasText: "Delivered" })).toBeVisible();
  await expect(page.getByTestId("overview-speed")).toContainText("median 20 s, 95% within 20 s (8 delivered)");
  await expect(page.getByTestId("overview-budget")).toContainText("24 calls, of them 8 searches");
  await expect(page.getByTestId("overview-budget")).toContainText("Searches alone: 320 of at least 30,000 daily tokens");
  await expect(page.getByTestId("overview-routing")).toContainText("Answered2");
  await expect(page.getByTestId("overview-routing")).toContainText("Over time budget1");
  await expect(page.getByTestId("failing-clients")).toContainText("+380991112233");
  // In the admin's words, as on Events; the CRM's own words on hover.
  await expect(page.getByTestId("failing-clients")).toContainText("The CRM refused the value of the field phone");
  await expect(page.getByTestId("failing-clients").locator('td[title*=\'Pipedrive refused the value of "phone"\']')).toHaveCount(1);
  await expect(page.getByTestId("overview-last-delivery")).toContainText("Last delivery to the CRM:");
});
