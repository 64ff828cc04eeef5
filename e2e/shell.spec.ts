import { expect, test } from "@playwright/test";
import { OTHER_PROJECT, PROJECT, STRANGER_PROJECT } from "./support/fixtures";
import { signInAs } from "./support/helpers";

const SECTIONS = ["Overview", "Integration", "Matrix", "Default parameters", "Mappings", "Stage rules", "Stop-list", "Messengers", "Forms", "Routing", "Employees", "Events", "Audit", "Alerts"];

test.describe("admin shell", () => {
  test("navigates to every section; an unknown section is a 404", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    const nav = page.getByRole("navigation", { name: "Sections" });
    for (const name of SECTIONS) {
      await nav.getByRole("link", { name, exact: true }).click();
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
      await expect(nav.getByRole("link", { name, exact: true })).toHaveAttribute("aria-current", "page");
      // Every tab says which page and project it is.
      // (Another spec may have renamed the project; the section and the app name are what is checked here.)
      await expect(page).toHaveTitle(new RegExp(`^${name} · .+ · Callbridge$`));
    }
    const response = await page.goto(`/${PROJECT.key}/no-such-section`);
    expect(response?.status()).toBe(404);
  });

  test("switches the UI language and remembers it", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    await page.getByLabel("Language").selectOption("uk");
    await expect(page.getByRole("link", { name: "Інтеграція" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Інтеграція" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("button", { name: "Вийти" })).toBeVisible();
    await page.getByLabel("Мова").selectOption("pl");
    await expect(page.getByRole("link", { name: "Lista wykluczeń" })).toBeVisible();
    await page.getByLabel("Język").selectOption("en");
    await expect(page.getByRole("link", { name: "Stop-list" })).toBeVisible();
  });

  test("the sign-in page speaks the chosen language too", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Language").selectOption("pl");
    await expect(page.getByRole("heading", { name: "Zaloguj się do Callbridge" })).toBeVisible();
    await page.getByLabel("Język").selectOption("en");
    await expect(page.getByRole("heading", { name: "Sign in to Callbridge" })).toBeVisible();
  });

  test("the project switcher moves to the same section of another project", async ({ page }) => {
    await signInAs(page, "owner", `/${PROJECT.key}/stop-list`);
    await page.getByLabel("Project", { exact: true }).selectOption(OTHER_PROJECT.key);
    await expect(page).toHaveURL(`/${OTHER_PROJECT.key}/stop-list`);
    await expect(page.getByLabel("Project", { exact: true })).toHaveValue(OTHER_PROJECT.key);
  });

  test("a project the user is not a member of looks like it does not exist", async ({ page }) => {
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    const response = await page.goto(`/${STRANGER_PROJECT.key}/integration`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText(STRANGER_PROJECT.name)).toHaveCount(0);
  });

  test("works on a phone-sized screen", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 800 });
    await signInAs(page, "admin", `/${PROJECT.key}/integration`);
    const nav = page.getByRole("navigation", { name: "Sections" });
    await expect(nav.getByRole("link", { name: "Matrix" })).toBeHidden();
    await nav.getByRole("button", { name: "Menu" }).click();
    await nav.getByRole("link", { name: "Matrix" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Matrix" })).toBeVisible();
  });
});
