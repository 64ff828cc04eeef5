import { expect, test } from "@playwright/test";
import { E2E_BASE_URL, PROJECT, USERS } from "./support/fixtures";
import { signIn, signInAs, sql } from "./support/helpers";

test.describe("sign-in", () => {
  test("an unauthenticated visit to an admin page lands on sign-in and returns there afterwards", async ({ page }) => {
    await page.goto(`/${PROJECT.key}/settings`);
    await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fe2e%2Fsettings/);
    await signIn(page, "admin");
    await expect(page).toHaveURL(`/${PROJECT.key}/settings`);
    await expect(page.getByRole("heading", { name: "Project settings" })).toBeVisible();
  });

  test("a callbackUrl that a browser would read as another host leads home after sign-in", async ({ page }) => {
    for (const callbackUrl of ["/\\evil.example/x", "//evil.example/x", "https://evil.example/x"]) {
      await page.context().clearCookies();
      await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
      await signIn(page, "admin");
      await expect(page.getByTestId("signed-in-as")).toBeVisible();
      expect(new URL(page.url()).host).toBe(new URL(E2E_BASE_URL).host);
    }
  });

  test("pages run under a nonce-based Content-Security-Policy without violations", async ({ page }) => {
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const response = await page.goto("/login");
    const policy = response!.headers()["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toBeTruthy();
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    // A production build (as here) tells browsers to keep to https.
    expect(response!.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
    // Next.js put this response's nonce on its scripts (the browser hides it from getAttribute).
    const nonces = await page.locator("script").evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
    expect(nonces.length).toBeGreaterThan(0);
    expect(nonces.every((value) => value === nonce)).toBe(true);
    await signIn(page, "admin");
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
    await page.goto(`/${PROJECT.key}/matrix`);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const second = /'nonce-([^']+)'/.exec((await page.request.get(`/${PROJECT.key}/matrix`)).headers()["content-security-policy"] ?? "")?.[1];
    expect(second).toBeTruthy();
    expect(second).not.toBe(nonce);
    expect(violations).toEqual([]);
  });

  test("a wrong password and an unknown e-mail get the same clear message", async ({ page }) => {
    await page.setExtraHTTPHeaders({ "x-forwarded-for": "127.0.0.66", "x-callbridge-peer": "127.0.0.66" });
    await page.goto("/login");
    await signIn(page, "admin", "not-the-password");
    await expect(page.getByTestId("login-error")).toHaveText("The e-mail or password is wrong.");
    await expect(page).toHaveURL(/\/login/);

    await page.getByLabel("E-mail").fill("nobody@e2e.test");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("login-error")).toHaveText("The e-mail or password is wrong.");
    // Failures are recorded against the connection's real address (the browser's X-Forwarded-For is not believed).
    const recorded = await sql<{ ip: string }>(`SELECT DISTINCT ip FROM "LoginAttempt" WHERE email = $1`, ["nobody@e2e.test"]);
    expect(recorded.map((row) => row.ip)).toEqual(["127.0.0.1"]);
  });

  test("the form validates its fields before sending", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("E-mail").fill("not-an-email");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("email-error")).toHaveText("Enter a valid e-mail address.");
    await expect(page.getByTestId("password-error")).toHaveText("Enter your password.");
  });

  test("repeated failures make the next try wait; the right password works once the wait is over", async ({ page }) => {
    await page.goto("/login");
    for (let attempt = 0; attempt < 4; attempt++) {
      await signIn(page, "throttled", `wrong-${attempt}`);
      await expect(page.getByTestId("login-error")).toHaveText("The e-mail or password is wrong.");
    }
    await signIn(page, "throttled");
    await expect(page.getByTestId("login-error")).toHaveText("Too many failed attempts. Wait a little and try again: each failure makes the wait longer.");
    // As if the 2-second wait had passed.
    await sql(`UPDATE "LoginAttempt" SET "createdAt" = "createdAt" - interval '3 seconds' WHERE email = $1`, [USERS.throttled.email]);
    await signIn(page, "throttled");
    await expect(page.getByTestId("signed-in-as")).toBeVisible();
  });

  test("signing out ends that session everywhere, even for a copied cookie", async ({ page, browser }) => {
    await signInAs(page, "admin", "/login");
    const copied = await browser.newContext();
    await copied.addCookies(await page.context().cookies());
    const other = await copied.newPage();
    await other.goto(`/${PROJECT.key}/integration`);
    await expect(other.getByTestId("signed-in-as")).toBeVisible();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await other.goto(`/${PROJECT.key}/integration`);
    await expect(other).toHaveURL(/\/login/);
    await copied.close();
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

  test("a signed-in user lands on their first project's overview", async ({ page }) => {
    await signInAs(page, "viewer", "/login");
    await expect(page).toHaveURL(`/${PROJECT.key}`);
    await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
    await expect(page.getByTestId("signed-in-as")).toContainText(`${USERS.viewer.email} · Role: Viewer`);
  });
});

test.describe("the production build", () => {
  test("has no benchmark routes: they exist only in the build `npm run bench` makes", async ({ request }) => {
    for (const path of ["/api/bench/noop", `/api/bench/${PROJECT.key}/noop`]) {
      const response = await request.post(path, { data: "{}" });
      expect(response.status(), path).toBe(404);
    }
  });
});
