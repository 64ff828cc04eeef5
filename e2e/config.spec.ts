import { expect, test, type Page } from "@playwright/test";
import { PROJECT } from "./support/fixtures";
import { apiToken, signInAs, sql } from "./support/helpers";

// Each test starts from the default configuration of the e2e project.
test.beforeEach(async () => {
  await sql(`DELETE FROM "ProjectConfig" WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
});

/** The matrix page holds the matrix and the task rules, each its own form with its own Save. */
const matrixForm = (page: Page) => page.getByRole("form", { name: "Matrix" });

test.describe("integration matrix (F2)", () => {
  test("an admin changes actions, the change persists after reload and is audited", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/matrix`);
    const leadOnForm = page.getByLabel("Web form — Lead");
    await expect(leadOnForm).toHaveValue("none");
    await leadOnForm.selectOption("create");
    await page.getByLabel("Incoming call, missed — Task").selectOption("none");
    await matrixForm(page).getByRole("button", { name: "Save" }).click();
    await expect(matrixForm(page).getByTestId("editor-status")).toHaveText("Saved.");
    await page.reload();
    await expect(page.getByLabel("Web form — Lead")).toHaveValue("create");
    await expect(page.getByLabel("Incoming call, missed — Task")).toHaveValue("none");
    // A task can only be created or not: "Update only" is not offered.
    await expect(page.getByLabel("Web form — Task").locator("option")).toHaveText(["Create", "None"]);
    await expect(page.getByTestId("default-parameters")).toContainText("Recording of the call");
    await page.goto(`/${PROJECT.key}/audit`);
    // The action in words, and each changed cell on its own line (no JSON, no ids).
    const row = page.getByTestId("audit-table").getByRole("row").filter({ hasText: "Integration matrix changed" }).first();
    await expect(row).toContainText("matrix › form › lead: none → create");
    await expect(row).toContainText("matrix › call.incoming.missed › task: create → none");
    await page.getByLabel("Language").selectOption("pl");
    await expect(page.getByTestId("audit-table")).toContainText("Zmieniono macierz integracji");
    await page.getByLabel("Język").selectOption("en");
    await expect(page.getByLabel("Language")).toBeVisible();
  });

  test("unsaved changes on the matrix and the stage rules are not lost silently when leaving by a link", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/matrix`);
    const nav = page.getByRole("navigation", { name: "Sections" });
    const before = await page.getByLabel("Messenger chat — Deal").inputValue();
    const changed = before === "none" ? "create" : "none";
    await page.getByLabel("Messenger chat — Deal").selectOption(changed);
    await nav.getByRole("link", { name: "Events", exact: true }).click();
    const dialog = page.getByRole("alertdialog", { name: "Leave without saving?" });
    await expect(dialog).toBeVisible();
    // Focus is in the dialog and stays there; Escape stays on the page, changes kept.
    await expect(dialog.getByRole("button", { name: "Stay and save" })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(dialog.getByRole("button", { name: "Stay and save" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(page.getByLabel("Messenger chat — Deal")).toHaveValue(changed);
    await nav.getByRole("link", { name: "Events", exact: true }).click();
    await expect(dialog).toBeVisible();
    // "Stay and save" stays and saves.
    await dialog.getByRole("button", { name: "Stay and save" }).click();
    await expect(page).toHaveURL(new RegExp(`/${PROJECT.key}/matrix$`));
    await expect(matrixForm(page).getByTestId("editor-status")).toHaveText("Saved.");
    await expect(page.getByLabel("Messenger chat — Deal")).toHaveValue(changed);
    // Another change, left without saving: the saved one is what the page shows again.
    await page.getByLabel("Messenger chat — Deal").selectOption(before);
    await nav.getByRole("link", { name: "Events", exact: true }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Leave without saving" }).click();
    await expect(page).toHaveURL(new RegExp(`/${PROJECT.key}/events$`));
    await page.goto(`/${PROJECT.key}/matrix`);
    await expect(page.getByLabel("Messenger chat — Deal")).toHaveValue(changed);
    // Saved changes leave freely.
    await nav.getByRole("link", { name: "Stage rules", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/${PROJECT.key}/stage-rules$`));
    await page.getByRole("button", { name: "Add a rule" }).click();
    await nav.getByRole("link", { name: "Audit", exact: true }).click();
    await expect(page.getByRole("alertdialog", { name: "Leave without saving?" })).toBeVisible();
  });

  test("F19: an admin chooses when a call trigger's entities are written; forms and chats are written on arrival", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/matrix`);
    const when = page.getByLabel("Incoming call, answered — When");
    await expect(when).toHaveValue("completed");
    await expect(when.locator("option")).toHaveText(["While it rings", "When picked up", "After the call"]);
    await when.selectOption("ringing");
    await matrixForm(page).getByRole("button", { name: "Save" }).click();
    await expect(matrixForm(page).getByTestId("editor-status")).toHaveText("Saved.");
    await page.reload();
    await expect(page.getByLabel("Incoming call, answered — When")).toHaveValue("ringing");
    await expect(page.getByLabel("Web form — When")).toHaveCount(0);
    await expect(page.getByRole("row", { name: /Web form/ })).toContainText("On arrival");
    await page.getByLabel("Language").selectOption("uk");
    await expect(page.getByLabel("Вхідний дзвінок, прийнятий — Коли")).toHaveValue("ringing");
    await expect(page.getByLabel("Вхідний дзвінок, прийнятий — Коли").locator("option:checked")).toHaveText("У момент дзвінка");
    await page.getByLabel("Мова").selectOption("en");
    // The switch is saved by a server action: wait for the page in English before leaving it, or the next
    // page may still be rendered in Ukrainian.
    await expect(page.getByLabel("Language")).toBeVisible();
    await page.goto(`/${PROJECT.key}/audit`);
    const row = page.getByTestId("audit-table").getByRole("row").filter({ hasText: "Integration matrix changed" }).first();
    await expect(row).toContainText("matrix › call.incoming.answered › when: completed → ringing");
  });

  test("F23 task rules: an admin turns on the task for the responsible manager when another employee answered, due in 2 hours; saved after reload, in Ukrainian too", async ({ page, request }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/matrix`);
    const rules = page.getByRole("form", { name: "Task rules" });
    const other = rules.getByRole("group", { name: "Another employee answered: a task for the responsible manager" });
    await expect(other.getByRole("checkbox")).not.toBeChecked();
    await expect(other.getByLabel("Due")).toHaveValue("hours");
    await expect(other.getByLabel("Hours")).toHaveValue("4");
    await other.getByRole("checkbox").check();
    await other.getByLabel("Hours").fill("2");
    // The missed-call task is due at the business day's end by default: no amount to enter.
    await expect(rules.getByRole("group", { name: "Missed call: a task for the responsible manager" }).getByLabel("Due")).toHaveValue("businessDayEnd");
    await rules.getByLabel("Business day ends at (project time zone, Mon–Fri)").fill("17:30");
    await rules.getByRole("button", { name: "Save" }).click();
    await expect(rules.getByTestId("editor-status")).toHaveText("Saved.");
    await page.reload();
    await expect(other.getByRole("checkbox")).toBeChecked();
    await expect(other.getByLabel("Hours")).toHaveValue("2");
    const document = await (await request.get(`/api/v1/projects/${PROJECT.key}/integration`, { headers: { authorization: `Bearer ${apiToken(PROJECT.key)}` } })).json();
    expect(document.config.taskRules).toMatchObject({ otherAnswered: { enabled: true, due: { kind: "hours", amount: 2 } }, businessDayEnd: "17:30", onePerClient: true });
    await page.getByLabel("Language").selectOption("uk");
    await expect(page.getByRole("form", { name: "Правила задач" }).getByRole("group", { name: "Відповів інший співробітник: задача на відповідального менеджера" }).getByLabel("Годин")).toHaveValue("2");
    await page.getByLabel("Мова").selectOption("en");
    await expect(page.getByLabel("Language")).toBeVisible();
  });

  test("a viewer sees the matrix read-only", async ({ page }) => {
    await signInAs(page, "viewer", `/${PROJECT.key}/matrix`);
    await expect(page.getByLabel("Web form — Lead")).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  });
});

test.describe("stop-list (F9)", () => {
  test("add entries, see validation errors, bulk paste with a per-line report, search, remove", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/stop-list`);
    await expect(page.getByText("The stop-list is empty")).toBeVisible();
    const form = page.getByRole("form", { name: "Add an entry" });
    await form.getByLabel("SIP login").fill("bad login!");
    await form.getByRole("button", { name: "Add" }).click();
    await expect(page.getByTestId("value-error")).toHaveText("A SIP login is 2–64 letters, digits, dots, dashes or underscores.");
    await form.getByLabel("SIP login").fill("office-101");
    await form.getByLabel("Note").fill("reception");
    await form.getByRole("button", { name: "Add" }).click();
    await expect(page.getByTestId("stop-list")).toContainText("office-101");

    await form.getByLabel("Type").selectOption("fmc");
    await form.getByLabel("Phone number").fill("+380 67 123 45 67");
    await form.getByRole("button", { name: "Add" }).click();
    await expect(page.getByTestId("sipPair-error")).toHaveText("An FMC number needs the SIP login it is paired with.");

    await page.getByLabel(/One per line/).fill(["office-102", "+380 50 111 22 33, office-102, director", "office-101", "oops!"].join("\n"));
    await page.getByRole("button", { name: "Add the pasted entries" }).click();
    const report = page.getByTestId("paste-report");
    await expect(report).toContainText("Line 1 (office-102): added");
    await expect(report).toContainText("Line 2 (+380 50 111 22 33): added");
    await expect(report).toContainText("Line 3 (office-101): already in the list");
    await expect(report).toContainText("Line 4 (oops!): A SIP login is");
    // The line that could not be added stays in the box, to be fixed.
    await expect(page.getByLabel(/One per line/)).toHaveValue("oops!");

    // A SIP pair several FMC numbers share stops every call on that line: said before and after adding.
    await form.getByLabel("Phone number").fill("+380 67 123 45 67");
    await form.getByLabel("SIP pair").fill("office-102");
    await expect(form.getByTestId("shared-line-warning")).toContainText("2 FMC numbers use the SIP pair office-102");
    await form.getByRole("button", { name: "Add" }).click();
    await expect(page.getByTestId("stop-list").getByTestId("shared-line-note")).toHaveCount(2);

    await page.reload();
    await expect(page.getByTestId("stop-list").getByRole("row")).toHaveCount(5);
    await page.getByLabel("Search the stop-list").fill("director");
    await expect(page.getByTestId("stop-list").getByRole("row")).toHaveCount(2);
    // A number typed in another format finds the entry.
    await page.getByLabel("Search the stop-list").fill("0501112233");
    await expect(page.getByTestId("stop-list").getByRole("row")).toHaveCount(2);
    await expect(page.getByTestId("stop-list")).toContainText("+380 50 111 22 33");
    await page.getByLabel("Search the stop-list").fill("");
    // Removing asks in the page first; cancelling keeps the entry.
    await page.getByRole("button", { name: "Remove office-101" }).click();
    const confirm = page.getByTestId("stop-list").getByRole("group");
    await expect(confirm).toContainText("office-101");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("stop-list")).toContainText("reception");
    await page.getByRole("button", { name: "Remove office-101" }).click();
    await page.getByTestId("stop-list").getByRole("group").getByRole("button", { name: "Remove" }).click();
    await expect(page.getByTestId("stop-list")).not.toContainText("reception");
    await page.reload();
    await expect(page.getByTestId("stop-list").getByRole("row")).toHaveCount(4);
  });

  test("a viewer sees the stop-list but cannot change it", async ({ page }) => {
    await sql(`INSERT INTO "ProjectConfig" ("projectId", document, "updatedAt") SELECT id, $2::jsonb, now() FROM "Project" WHERE key = $1`, [PROJECT.key, JSON.stringify({ ...(await import("../lib/config/defaults")).defaultConfig(), stopList: [{ id: "a", kind: "sip", value: "office-7", note: "" }] })]);
    await signInAs(page, "viewer", `/${PROJECT.key}/stop-list`);
    await expect(page.getByTestId("stop-list")).toContainText("office-7");
    await expect(page.getByRole("form", { name: "Add an entry" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Remove office-7" })).toHaveCount(0);
  });
});

test.describe("employees (F14)", () => {
  test.beforeEach(async () => {
    // Matching by e-mail needs the CRM: the e2e project is connected to the Pipedrive sandbox.
    await sql(`DELETE FROM "Integration" WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
  });

  test("an admin adds employees; CRM users are matched by e-mail; duplicates are refused; saved after reload", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    await page.getByRole("button", { name: "Use the sandbox Pipedrive" }).click();
    await expect(page.getByTestId("integration-status")).toHaveText("Inactive");
    await page.goto(`/${PROJECT.key}/employees`);
    await expect(page.getByText("No employees yet.")).toBeVisible();
    await page.getByRole("button", { name: "Add an employee" }).click();
    const first = page.getByTestId("employee-row").nth(0);
    await first.getByLabel("Name", { exact: true }).fill("Olena Koval");
    await first.getByLabel("E-mail", { exact: true }).fill("olena.koval@callbridge.local");
    await first.getByLabel("SIP login").fill("olena");
    await expect(first.getByLabel("CRM user")).toContainText("Matched by e-mail: Olena Koval");
    await page.getByRole("button", { name: "Add an employee" }).click();
    const second = page.getByTestId("employee-row").nth(1);
    await second.getByLabel("Name", { exact: true }).fill("Copy");
    await second.getByLabel("E-mail", { exact: true }).fill("OLENA.KOVAL@callbridge.local");
    await second.getByLabel("SIP login").fill("olena");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(second.getByText("Another employee has this e-mail.")).toBeVisible();
    await expect(second.getByText("Another employee has this SIP login.")).toBeVisible();
    await second.getByLabel("Name", { exact: true }).fill("Marek Nowak");
    await second.getByLabel("E-mail", { exact: true }).fill("marek@elsewhere.example");
    await second.getByLabel("SIP login").fill("marek");
    await expect(second.getByLabel("CRM user")).toContainText("No CRM user with this e-mail");
    await second.getByLabel("CRM user").selectOption({ label: "Marek Nowak <marek.nowak@callbridge.local>" });
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("editor-status")).toHaveText("Saved.");
    await page.reload();
    await expect(page.getByTestId("employee-row")).toHaveCount(2);
    await expect(page.getByTestId("employee-row").nth(1).getByLabel("CRM user")).toHaveValue("13000002");
  });
});

test.describe("routing, forms and messengers (F13, F11, F10)", () => {
  test("routing: order by keyboard, time budget validated, fallback manager, saved after reload", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/routing`);
    await page.getByLabel("Answer the PBX's responsible-manager requests").check();
    await page.getByRole("button", { name: "Move Deal up" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("routing-order").getByRole("listitem")).toHaveText(["1. Contact↑↓✕", "2. Deal↑↓✕", "3. Organization↑↓✕"]);
    await page.getByLabel("Time budget (ms)").fill("50");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("timeout-error")).toHaveText("Use a whole number of milliseconds between 100 and 10000.");
    await page.getByLabel("Time budget (ms)").fill("900");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("editor-status")).toHaveText("Saved.");
    await page.reload();
    await expect(page.getByTestId("routing-order").getByRole("listitem")).toHaveText(["1. Contact↑↓✕", "2. Deal↑↓✕", "3. Organization↑↓✕"]);
    await expect(page.getByLabel("Time budget (ms)")).toHaveValue("900");
    await expect(page.getByLabel("Answer the PBX's responsible-manager requests")).toBeChecked();
  });

  test("forms: phone and e-mail field names, comma-separated", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/forms`);
    await expect(page.getByLabel("Phone fields")).toHaveValue("tel, phone");
    await page.getByLabel("Phone fields").fill("");
    await page.getByLabel("E-mail fields").click();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("phoneFields-error")).toHaveText("Name at least one form field.");
    await page.getByLabel("Phone fields").fill("tel, phone, your-phone");
    await page.getByLabel("E-mail fields").click();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("editor-status")).toHaveText("Saved.");
    await page.reload();
    await expect(page.getByLabel("Phone fields")).toHaveValue("tel, phone, your-phone");
  });

  test("messengers: channels with the conditions checklist", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/messengers`);
    const telegram = page.getByTestId("messenger-telegram");
    await telegram.getByLabel("Send Telegram chats to the CRM").check();
    await expect(telegram.getByRole("list", { name: "Conditions" })).toContainText("✗ A chat bot exists for the channel");
    await telegram.getByLabel("A chat bot is set up for this channel").check();
    await expect(telegram.getByRole("list", { name: "Conditions" })).toContainText("✓ A chat bot exists for the channel");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("editor-status")).toHaveText("Saved.");
    await page.reload();
    await expect(page.getByTestId("messenger-telegram").getByLabel("Send Telegram chats to the CRM")).toBeChecked();
  });

  test("a viewer sees every editor read-only", async ({ page }) => {
    await signInAs(page, "viewer", `/${PROJECT.key}/routing`);
    for (const section of ["matrix", "mappings", "stage-rules", "routing", "forms", "messengers", "employees"]) {
      await page.goto(`/${PROJECT.key}/${section}`);
      await expect(page.getByText("You have read-only access to this project")).toBeVisible();
      await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
    }
  });
});

test.describe("mapping tabs and stage rules (F4, F5)", () => {
  test.beforeEach(async ({ page }) => {
    await sql(`DELETE FROM "Integration" WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    await page.getByRole("button", { name: "Use the sandbox Pipedrive" }).click();
    await expect(page.getByTestId("integration-status")).toHaveText("Inactive");
  });

  test("mappings: live CRM text fields only, a duplicate field rejected, saved after reload", async ({ page }) => {
    await page.goto(`/${PROJECT.key}/mappings`);
    await expect(page.getByText("Fields and stages are read live from the CRM.")).toBeVisible();
    await page.getByRole("tab", { name: /^Contact/ }).click();
    await page.getByRole("button", { name: "Add a row" }).click();
    const first = page.getByTestId("mapping-row").nth(0);
    // Only string fields are offered: "Lifetime value" (monetary) is not.
    await expect(first.getByLabel("CRM field").locator("option")).toContainText(["Client ID", "Notes from call", "UTM source"]);
    await expect(first.getByLabel("CRM field").locator("option", { hasText: "Lifetime value" })).toHaveCount(0);
    await first.getByLabel("CRM field").selectOption({ label: "Client ID" });
    await first.getByLabel("Source", { exact: true }).selectOption("clientId");
    await page.getByRole("button", { name: "Add a row" }).click();
    const second = page.getByTestId("mapping-row").nth(1);
    await second.getByLabel("CRM field").selectOption({ label: "Client ID" });
    await second.getByLabel("Source type").selectOption("constant");
    await second.getByLabel("Source", { exact: true }).fill("ads");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(second.getByText("The same CRM field is already mapped in this tab.")).toBeVisible();
    await second.getByLabel("CRM field").selectOption({ label: "UTM source" });
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("editor-status")).toHaveText("Saved.");
    await page.reload();
    await page.getByRole("tab", { name: /^Contact/ }).click();
    await expect(page.getByTestId("mapping-row")).toHaveCount(2);
    await expect(page.getByTestId("mapping-row").nth(1).getByLabel("Source", { exact: true })).toHaveValue("ads");
  });

  test("mappings: form-field names are taken as typed (Enter saves them); a problem in a tab not shown is marked and opened", async ({ page }) => {
    await page.goto(`/${PROJECT.key}/mappings`);
    await page.getByRole("tab", { name: /^Forms/ }).click();
    await page.getByRole("tab", { name: /^Contact/ }).click();
    await page.getByRole("button", { name: "Add a row" }).click();
    const row = page.getByTestId("mapping-row").nth(0);
    await row.getByLabel("CRM field").selectOption({ label: "Notes from call" });
    await row.getByLabel("Source type").selectOption("form_field");
    await row.getByLabel("Source", { exact: true }).fill("comment, message, wiadomosc");
    await row.getByLabel("Source", { exact: true }).press("Enter");
    await expect(page.getByTestId("editor-status")).toHaveText("Saved.");
    await expect(page.getByText("Name at least one form field")).toHaveCount(0);
    await page.reload();
    await page.getByRole("tab", { name: /^Forms/ }).click();
    await page.getByRole("tab", { name: /^Contact/ }).click();
    await expect(page.getByTestId("mapping-row").nth(0).getByLabel("Source", { exact: true })).toHaveValue("comment, message, wiadomosc");

    // A row without its CRM field in Forms › Deal, saved from Calls › Contact: that tab is marked and opened.
    await page.getByRole("tab", { name: /^Deal/ }).click();
    await page.getByRole("button", { name: "Add a row" }).click();
    await page.getByRole("tab", { name: /^Calls/ }).click();
    await page.getByRole("tab", { name: /^Contact/ }).click();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("tab", { name: /^Forms/ })).toContainText("with errors: 1");
    await expect(page.getByRole("tab", { name: /^Forms/ })).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByRole("tab", { name: /^Forms/ })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("tab", { name: /^Deal/ })).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("tab", { name: /^Deal/ })).toContainText("with errors: 1");
    await expect(page.getByTestId("mapping-row").nth(0)).toContainText("Choose a CRM field.");
    // The tabs take the keyboard: arrow keys move between them and open the one reached.
    await page.getByRole("tab", { name: /^Forms/ }).focus();
    await page.keyboard.press("ArrowLeft");
    await expect(page.getByRole("tab", { name: /^Calls/ })).toBeFocused();
    await expect(page.getByRole("tab", { name: /^Calls/ })).toHaveAttribute("aria-selected", "true");
  });

  test("default parameters: UTM and client id fields per entity from the CRM, a field already mapped refused, saved after reload", async ({ page, request }) => {
    await sql(`DELETE FROM "ProjectConfig" WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
    // A contact mapping row already fills "Notes from call".
    await page.goto(`/${PROJECT.key}/mappings`);
    await page.getByRole("tab", { name: /^Contact/ }).click();
    await page.getByRole("button", { name: "Add a row" }).click();
    await page.getByTestId("mapping-row").nth(0).getByLabel("CRM field").selectOption({ label: "Notes from call" });
    await page.getByTestId("mapping-row").nth(0).getByLabel("Source type").selectOption("constant");
    await page.getByTestId("mapping-row").nth(0).getByLabel("Source", { exact: true }).fill("phone");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("editor-status")).toHaveText("Saved.");

    await page.getByRole("link", { name: "Default parameters" }).click();
    await expect(page.getByRole("tab", { name: "Contact", selected: true })).toBeVisible();
    await expect(page.getByLabel("UTM source").locator("option")).toContainText(["Not sent", "Client ID", "UTM source"]);
    await expect(page.getByLabel("UTM source").locator("option", { hasText: "Lifetime value" })).toHaveCount(0);
    await page.getByLabel("UTM source").selectOption({ label: "UTM source" });
    await page.getByLabel("UTM campaign").selectOption({ label: "UTM campaign" });
    await page.getByLabel("Client ID").selectOption({ label: "Notes from call" });
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("A mapping row of this entity already fills this CRM field")).toBeVisible();
    await page.getByLabel("Client ID").selectOption({ label: "Client ID" });
    await page.getByRole("tab", { name: "Deal" }).click();
    await page.getByLabel("UTM source").selectOption({ label: "UTM source" });
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("editor-status")).toHaveText("Saved.");

    // The CRM's fields arriving after the stored values must not reset the pickers to "Not sent".
    await page.route("**/crm-metadata", async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await route.continue();
    });
    await page.reload();
    await expect(page.getByLabel("Client ID").locator("option", { hasText: "UTM campaign" })).toHaveCount(1);
    await expect(page.getByLabel("Client ID")).toHaveValue(/^[0-9a-f]{40}$/);
    await expect(page.getByLabel("Client ID").locator("option:checked")).toHaveText("Client ID");
    await page.unroute("**/crm-metadata");
    const document = await (await request.get(`/api/v1/projects/${PROJECT.key}/integration`, { headers: { authorization: `Bearer ${apiToken(PROJECT.key)}` } })).json();
    expect(document.config.defaultFields.contact).toEqual({ utmSource: expect.stringMatching(/^[0-9a-f]{40}$/), utmMedium: "", utmCampaign: expect.stringMatching(/^[0-9a-f]{40}$/), utmTerm: "", utmContent: "", clientId: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(document.config.defaultFields.deal.utmSource).toBe(document.config.defaultFields.contact.utmSource);
  });

  test("stage rules: pipeline and stage from the CRM, a preview, reorder by keyboard, saved after reload", async ({ page }) => {
    await page.goto(`/${PROJECT.key}/stage-rules`);
    const rules = page.getByRole("form", { name: "Stage rules" });
    await expect(page.getByText("Fields and stages are read live from the CRM.")).toBeVisible();
    await page.getByRole("button", { name: "Add a rule" }).click();
    const rule = page.getByTestId("stage-rule").nth(0);
    await rule.getByLabel("Pipeline").selectOption({ label: "Sales" });
    await rule.getByLabel("Stage").selectOption({ label: "Demo scheduled" });
    await rule.getByLabel("Value").fill("Контекстна реклама");
    await page.getByLabel("A sample event's variables").fill("pool=Контекстна реклама");
    await expect(page.getByTestId("stage-preview")).toHaveText("The deal would go to Sales / Demo scheduled (rule 1).");
    await page.getByLabel("A sample event's variables").fill("pool=SEO");
    await expect(page.getByTestId("stage-preview")).toHaveText("No rule matches: the deal would go to Sales / Lead in (the default).");

    await page.getByRole("button", { name: "Add a rule" }).click();
    const second = page.getByTestId("stage-rule").nth(1);
    await second.getByLabel("Pipeline").selectOption({ label: "Partnerships" });
    await second.getByLabel("Stage").selectOption({ label: "Meeting" });
    await second.getByLabel("Operator").selectOption("contains");
    await second.getByLabel("Value").fill("SEO");
    await page.getByRole("button", { name: "Move rule 2 up" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByTestId("stage-rule").nth(0).getByLabel("Value")).toHaveValue("SEO");
    await expect(page.getByTestId("stage-preview")).toHaveText("The deal would go to Partnerships / Meeting (rule 1).");

    await page.getByRole("button", { name: "Add a rule" }).click();
    await rules.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("stage-rule").nth(2).getByText("Choose a pipeline.")).toBeVisible();
    await page.getByRole("button", { name: "Remove rule 3" }).click();
    await rules.getByRole("button", { name: "Save" }).click();
    await expect(rules.getByTestId("editor-status")).toHaveText("Saved.");
    await page.reload();
    await expect(page.getByTestId("stage-rule")).toHaveCount(2);
    await expect(page.getByTestId("stage-rule").nth(0).getByLabel("Value")).toHaveValue("SEO");
    // After a full page load the pickers show the saved pipeline and stage, not "Choose…".
    const selected = (index: number, label: string) => page.getByTestId("stage-rule").nth(index).getByLabel(label).locator("option:checked");
    await expect(selected(0, "Pipeline")).toHaveText("Partnerships");
    await expect(selected(0, "Stage")).toHaveText("Meeting");
    await expect(selected(1, "Pipeline")).toHaveText("Sales");
    await expect(selected(1, "Stage")).toHaveText("Demo scheduled");
    // Moving a rule moves its pickers' values with it.
    await page.getByRole("button", { name: "Move rule 2 up" }).click();
    await expect(selected(0, "Pipeline")).toHaveText("Sales");
    await expect(selected(0, "Stage")).toHaveText("Demo scheduled");
    await expect(selected(1, "Pipeline")).toHaveText("Partnerships");
    await expect(selected(1, "Stage")).toHaveText("Meeting");
    await expect(page.getByTestId("stage-rule").nth(1).getByLabel("Value")).toHaveValue("SEO");
  });

  test("F22 several matches: an admin picks which of a caller's open deals is taken, saved after reload and in the config document", async ({ page, request }) => {
    await page.goto(`/${PROJECT.key}/stage-rules`);
    const matching = () => page.getByRole("form", { name: "When several records match one caller" });
    const deals = () => matching().getByRole("group", { name: "Several open deals" });
    await expect(deals().getByLabel("The most recently updated (default)")).toBeChecked();
    await expect(matching().getByRole("group", { name: "Several contacts or leads with the number" }).getByLabel("The most recently updated (default)")).toBeChecked();
    await deals().getByLabel("The first by the CRM's pipeline order, then the most recently updated").check();
    await matching().getByRole("button", { name: "Save" }).click();
    await expect(matching().getByTestId("editor-status")).toHaveText("Saved.");
    await page.reload();
    await expect(deals().getByLabel("The first by the CRM's pipeline order, then the most recently updated")).toBeChecked();
    const document = await (await request.get(`/api/v1/projects/${PROJECT.key}/integration`, { headers: { authorization: `Bearer ${apiToken(PROJECT.key)}` } })).json();
    expect(document.config.matching).toEqual({ deals: "pipelines", contacts: "recent" });
    // Back to the default for the tests that follow.
    await deals().getByLabel("The most recently updated (default)").check();
    await matching().getByRole("button", { name: "Save" }).click();
    await expect(matching().getByTestId("editor-status")).toHaveText("Saved.");
  });
});

test.describe("a complete Zoho configuration from the UI, read back through the config API", () => {
  test("connect Zoho by OAuth, map a field, add a stage rule; GET returns exactly that", async ({ page, request }) => {
    await sql(`DELETE FROM "Integration" WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    await page.getByRole("form", { name: "Zoho CRM" }).getByRole("button", { name: "Continue to Zoho" }).click();
    await page.getByRole("button", { name: "Accept" }).click();
    await expect(page.getByTestId("integration-status")).toHaveText("Inactive");

    await page.goto(`/${PROJECT.key}/mappings`);
    await page.getByRole("tab", { name: /^Deal/ }).click();
    await page.getByRole("button", { name: "Add a row" }).click();
    const row = page.getByTestId("mapping-row").nth(0);
    await row.getByLabel("CRM field").selectOption({ label: "Call pool" });
    await row.getByLabel("Source", { exact: true }).selectOption("pool");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("editor-status")).toHaveText("Saved.");

    await page.goto(`/${PROJECT.key}/stage-rules`);
    const rules = page.getByRole("form", { name: "Stage rules" });
    await page.getByRole("button", { name: "Add a rule" }).click();
    const rule = page.getByTestId("stage-rule").nth(0);
    await rule.getByLabel("Pipeline").selectOption({ label: "Default" });
    await rule.getByLabel("Stage").selectOption({ label: "Identify Decision Makers" });
    await rule.getByLabel("Value").fill("Контекстна реклама");
    await rules.getByRole("button", { name: "Save" }).click();
    await expect(rules.getByTestId("editor-status")).toHaveText("Saved.");

    const response = await request.get(`/api/v1/projects/${PROJECT.key}/integration`, { headers: { authorization: `Bearer ${apiToken(PROJECT.key)}` } });
    expect(response.status()).toBe(200);
    const document = await response.json();
    expect(document).toMatchObject({ crm: "zoho", status: "inactive", connection: { crm: "zoho", clientSecret: "********", refreshToken: "********" } });
    expect(document.config.mappings.call.deal).toEqual([{ field: "Call_Pool", source: { type: "variable", name: "pool" } }]);
    expect(document.config.stageRules).toEqual([{ id: expect.any(String), pipelineId: expect.stringMatching(/^\d+$/), stageId: expect.stringMatching(/^\d+$/), variable: "pool", operator: "equals", value: "Контекстна реклама" }]);
  });
});
