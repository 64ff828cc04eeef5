import { expect, test } from "@playwright/test";
import { PROJECT, USERS } from "./support/fixtures";
import { signIn, signInAs } from "./support/helpers";

test.describe("sign-in", () => {
  test("an unauthenticated visit to an admin page lands on sign-in and returns there afterwards", async ({ page }) => {
    await page.goto(`/${PROJECT.key}/settings`);
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fe2e%2Fsettings/);
    await signIn(page, "admin");
    await expect(page).toHaveURL(`/${PROJECT.key}/settings`);
    await expect(page.getByRole("heading", { name: "Project settings" })).toBeVisible();
  });

  test("a wrong password and an unknown e-mail get the same clear message", async ({ page }) => {
    await page.goto("/login");
    await signIn(page, "admin", "not-the-password");
    await expect(page.getByTestId("login-error")).toHaveText("The e-mail or password is wrong.");
    await expect(page).toHaveURL(/\/login/);

    await page.getByLabel("E-mail").fill("nobody@e2e.test");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("The e-mail or password is wrong.");
  });

  test("the form validates its fields before sending", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-mail").fill("not-an-email");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("email-error")).toHaveText("Enter a valid e-mail address.");
    await expect(page.getByTestId("password-error")).toHaveText("Enter your password.");
  });

  test("repeated failures are throttled, then even the right password is refused", async ({ page }) => {
    await page.goto("/login");
    for (let attempt = 0; attempt < 5; attempt++) {
      await signIn(page, "throttled", `wrong-${attempt}`);
      await expect(page.getByTestId("login-error")).toHaveText("The e-mail or password is wrong.");
    }
    await signIn(page, "throttled");
    await expect(page.getByTestId("login-error")).toHaveText("Too many failed attempts. Wait 15 minutes and try again.");
  });

  test("signing out ends the session", async ({ page }) => {
    await signInAs(page, "admin", "/login");
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto(`/${PROJECT.key}/integration`);
    await expect(page).toHaveURL(/\/login/);
  });

  test("the session endpoint tells a signed-out visitor nothing", async ({ request }) => {
    const response = await request.get("/api/auth/session");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({});
  });

  test("a signed-in user lands in their first project", async ({ page }) => {
    await signInAs(page, "viewer", "/login");
    await expect(page).toHaveURL(`/${PROJECT.key}/integration`);
    await expect(page.getByTestId("signed-in-as")).toContainText(`${USERS.viewer.email} · Role: Viewer`);
  });
});
