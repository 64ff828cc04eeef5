import { expect, test } from "@playwright/test";
import { PROJECT } from "./support/fixtures";
import { signInAs, sql } from "./support/helpers";

// Each test starts from the default configuration of the e2e project.
test.beforeEach(async () => {
  await sql(`DELETE FROM "ProjectConfig" WHERE "projectId" = (SELECT id FROM "Project" WHERE key = $1)`, [PROJECT.key]);
});

test.describe("integration matrix (F2)", () => {
  test("an admin changes actions, the change persists after reload and is audited", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/matrix`);
    const leadOnForm = page.getByLabel("Web form — Lead");
    await expect(leadOnForm).toHaveValue("none");
    await leadOnForm.selectOption("create");
    await page.getByLabel("Incoming call, missed — Task").selectOption("none");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("editor-status")).toHaveText("Saved.");
    await page.reload();
    await expect(page.getByLabel("Web form — Lead")).toHaveValue("create");
    await expect(page.getByLabel("Incoming call, missed — Task")).toHaveValue("none");
    // A task can only be created or not: "Update only" is not offered.
    await expect(page.getByLabel("Web form — Task").locator("option")).toHaveText(["Create", "None"]);
    await expect(page.getByTestId("default-parameters")).toContainText("Recording of the call");
    await page.goto(`/${PROJECT.key}/audit`);
    await expect(page.getByTestId("audit-table")).toContainText("config.matrix.update");
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

    await page.reload();
    await expect(page.getByTestId("stop-list").getByRole("row")).toHaveCount(4);
    await page.getByLabel("Search the stop-list").fill("director");
    await expect(page.getByTestId("stop-list").getByRole("row")).toHaveCount(2);
    await page.getByLabel("Search the stop-list").fill("");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Remove office-101" }).click();
    await expect(page.getByTestId("stop-list")).not.toContainText("reception");
    await page.reload();
    await expect(page.getByTestId("stop-list").getByRole("row")).toHaveCount(3);
  });

  test("a viewer sees the stop-list but cannot change it", async ({ page }) => {
    await sql(`INSERT INTO "ProjectConfig" ("projectId", document, "updatedAt") SELECT id, $2::jsonb, now() FROM "Project" WHERE key = $1`, [PROJECT.key, JSON.stringify({ ...(await import("../lib/config/defaults")).defaultConfig(), stopList: [{ id: "a", kind: "sip", value: "office-7", note: "" }] })]);
    await signInAs(page, "viewer", `/${PROJECT.key}/stop-list`);
    await expect(page.getByTestId("stop-list")).toContainText("office-7");
    await expect(page.getByRole("form", { name: "Add an entry" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Remove office-7" })).toHaveCount(0);
  });
});
