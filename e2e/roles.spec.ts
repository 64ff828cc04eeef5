import { expect, test } from "@playwright/test";
import { DOOMED_PROJECT, PROJECT, USERS } from "./support/fixtures";
import { signInAs, sql } from "./support/helpers";

test.describe("project settings and roles", () => {
  test("an admin edits settings: validation errors in the form, saved values persist, the change is audited", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/settings`);
    await page.getByLabel("Default country").fill("ZZ");
    await page.getByLabel("Name", { exact: true }).fill("E");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("defaultCountry-error")).toHaveText("Use a two-letter country code such as UA or PL.");
    await expect(page.getByTestId("name-error")).toHaveText("Use 2 to 80 characters.");

    await page.getByLabel("Name", { exact: true }).fill("E2E project renamed");
    await page.getByLabel("Default country").fill("pl");
    await page.getByLabel("Time zone").selectOption("Europe/Warsaw");
    await page.getByLabel("Language of what Callbridge writes in the CRM").selectOption("uk");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("settings-status")).toHaveText("Settings saved.");

    await page.reload();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("E2E project renamed");
    await expect(page.getByLabel("Default country")).toHaveValue("PL");
    await expect(page.getByLabel("Language of what Callbridge writes in the CRM")).toHaveValue("uk");
    await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Warsaw");
    await expect(page.getByLabel("Project", { exact: true })).toContainText("E2E project renamed");

    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Audit" }).click();
    const row = page.getByTestId("audit-table").getByRole("row").filter({ hasText: "Project settings changed" }).first();
    await expect(row).toContainText(USERS.admin.email);
    await expect(row).toContainText("name: E2E project → E2E project renamed");
    await expect(row).toContainText("defaultCountry: UA → PL");
    await expect(row).toContainText("crmLanguage: en → uk");
    // Later specs write into the CRM and read its texts in English.
    await sql(`UPDATE "Project" SET "crmLanguage" = 'en' WHERE key = $1`, [PROJECT.key]);
  });

  test("validation messages follow the UI language", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/settings`);
    await page.getByLabel("Language", { exact: true }).selectOption("uk");
    await page.getByLabel("Країна за замовчуванням").fill("1");
    await page.getByRole("button", { name: "Зберегти" }).click();
    await expect(page.getByTestId("defaultCountry-error")).toHaveText("Двобуквений код країни, наприклад UA або PL.");
    await page.getByLabel("Мова", { exact: true }).selectOption("en");
    await expect(page.getByLabel("Language", { exact: true })).toBeVisible();
  });

  test("rotating the webhook secret asks first and shows the new secret once", async ({ page }) => {
    await signInAs(page, "owner", `/${PROJECT.key}/settings`);
    await page.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByRole("button", { name: "Cancel" }).click();
    await expect(page.getByTestId("new-webhook-secret")).toHaveCount(0);
    await page.getByRole("button", { name: "Rotate secret" }).click();
    await page.getByRole("group").getByRole("button", { name: "Rotate secret" }).click();
    await expect(page.getByTestId("new-webhook-secret")).toHaveText(/^whsec_/);
    await page.reload();
    await expect(page.getByTestId("new-webhook-secret")).toHaveCount(0);
  });

  test("an admin creates a read-only API token shown once, then rotates and revokes it after confirming", async ({ page, request }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/settings`);
    await page.getByLabel("Token name").fill("");
    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByTestId("tokenName-error")).toHaveText("Give the token a name (up to 60 characters).");
    await page.getByLabel("Token name").fill("Reporting");
    await page.getByLabel("Access").selectOption("VIEWER");
    await page.getByRole("button", { name: "Create token" }).click();
    const first = (await page.getByTestId("new-api-token").textContent())!;
    expect(first).toMatch(/^cbt_/);
    const read = (token: string) => request.get(`/api/v1/projects/${PROJECT.key}/integration`, { headers: { authorization: `Bearer ${token}` } });
    expect((await read(first)).status()).toBe(200);
    const row = page.getByTestId("api-tokens").getByRole("row").filter({ hasText: "Reporting" }).filter({ hasText: "Active" });
    await expect(row).toContainText("Viewer (read only)");

    await row.getByRole("button", { name: "Rotate: Reporting" }).click();
    await page.getByRole("group").getByRole("button", { name: "Rotate" }).click();
    await expect(page.getByTestId("new-api-token")).not.toHaveText(first);
    const second = (await page.getByTestId("new-api-token").textContent())!;
    expect((await read(first)).status()).toBe(401);
    expect((await read(second)).status()).toBe(200);

    await page.getByTestId("api-tokens").getByRole("row").filter({ hasText: "Reporting" }).filter({ hasText: "Active" }).getByRole("button", { name: "Revoke: Reporting" }).click();
    await page.getByRole("group").getByRole("button", { name: "Revoke" }).click();
    await expect(page.getByTestId("api-tokens").getByRole("row").filter({ hasText: "Reporting" }).filter({ hasText: "Active" })).toHaveCount(0);
    expect((await read(second)).status()).toBe(401);
    await page.reload();
    await expect(page.getByTestId("new-api-token")).toHaveCount(0);
  });

  test("an admin has no way to delete a project", async ({ page }) => {
    await signInAs(page, "admin", `/${DOOMED_PROJECT.key}/settings`);
    await expect(page.getByRole("heading", { name: "Project settings" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Delete this project" })).toHaveCount(0);
  });

  test("an owner deletes a project only after typing its key", async ({ page }) => {
    await signInAs(page, "owner", `/${DOOMED_PROJECT.key}/settings`);
    const card = page.getByRole("region", { name: "Delete this project" });
    const button = card.getByRole("button", { name: "Delete project" });
    await expect(button).toBeDisabled();
    await card.getByLabel(`To confirm, type the project's key: ${DOOMED_PROJECT.key}`).fill("e2e-doomed-not");
    await expect(button).toBeDisabled();
    await card.getByLabel(`To confirm, type the project's key: ${DOOMED_PROJECT.key}`).fill(DOOMED_PROJECT.key);
    await button.click();
    await expect(page).not.toHaveURL(new RegExp(DOOMED_PROJECT.key));
    expect(await sql(`SELECT 1 FROM "Project" WHERE key = $1`, [DOOMED_PROJECT.key])).toHaveLength(0);
    await page.goto(`/${DOOMED_PROJECT.key}/settings`);
    await expect(page.getByRole("heading", { name: "Delete this project" })).toHaveCount(0);
  });

  test("a viewer sees settings read-only, with no way to change them", async ({ page }) => {
    await signInAs(page, "viewer", `/${PROJECT.key}/settings`);
    await expect(page.getByText("You have read-only access to this project.")).toBeVisible();
    await expect(page.getByLabel("Name", { exact: true })).toBeDisabled();
    await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Rotate secret" })).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "API tokens" })).toHaveCount(0);
  });

  test("the server refuses an admin-only action from someone who is no longer an admin", async ({ page }) => {
    await signInAs(page, "demoted", `/${PROJECT.key}/settings`);
    await page.getByLabel("Name", { exact: true }).fill("Changed by a viewer");
    // The role changes while the page is open: the action must be refused by the server, not just hidden.
    await sql(`UPDATE "Membership" SET role = 'VIEWER' WHERE "userId" = (SELECT id FROM "User" WHERE email = $1)`, [USERS.demoted.email]);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByTestId("settings-status")).toHaveText("Your role in this project does not allow this change.");
    const [project] = await sql<{ name: string }>(`SELECT name FROM "Project" WHERE key = $1`, [PROJECT.key]);
    expect(project?.name).not.toBe("Changed by a viewer");
  });
});
