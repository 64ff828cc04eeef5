// Creating a project from the UI: any signed-in user, who becomes its OWNER; the secrets are shown once.
import { createHmac } from "node:crypto";
import { expect, test } from "@playwright/test";
import { OTHER_PROJECT } from "./support/fixtures";
import { signIn, signInAs, sql } from "./support/helpers";

test("a viewer creates a project, copies its webhook URL, secret and token once, and owns it", async ({ page, request }) => {
  await page.goto("/projects/new");
  await signIn(page, "viewer");
  await expect(page.getByRole("heading", { name: "New project" })).toBeVisible();
  await expect(page).toHaveTitle(/New project/);
  const form = page.getByRole("form", { name: "New project" });
  await form.getByRole("button", { name: "Create project" }).click();
  await expect(form.getByText("Use 2 to 80 characters.")).toBeVisible();
  await form.getByLabel("Name").fill("Viewer's own shop");
  await form.getByLabel("Default country").fill("PL");
  await form.getByLabel("Time zone").selectOption("Europe/Warsaw");
  await form.getByRole("button", { name: "Create project" }).click();

  const created = page.getByTestId("project-created");
  await expect(created).toContainText("shown only this once");
  const webhookUrl = (await page.getByTestId("created-webhook-url").textContent())!;
  const secret = (await page.getByTestId("created-webhook-secret").textContent())!;
  const token = (await page.getByTestId("created-api-token").textContent())!;
  expect(webhookUrl).toMatch(/\/api\/webhooks\/viewer-s-own-shop-[0-9a-f]{6}\/events$/);
  expect(secret).toMatch(/^whsec_/);
  expect(token).toMatch(/^cbt_/);
  const key = webhookUrl.split("/").at(-2)!;

  // The secret signs the platform's webhooks and the token reads the configuration.
  const body = JSON.stringify({ id: "first-call", type: "call", direction: "incoming", status: "missed", startedAt: new Date().toISOString(), caller: "+48601234567", callee: "+48221234567", line: "office" });
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
  const posted = await request.post(new URL(webhookUrl).pathname, { headers: { "content-type": "application/json", "x-callbridge-timestamp": String(timestamp), "x-callbridge-signature": signature }, data: body });
  expect(posted.status()).toBe(202);
  const document = await request.get(`/api/v1/projects/${key}/integration`, { headers: { authorization: `Bearer ${token}` } });
  expect(await document.json()).toMatchObject({ crm: null, status: "not_connected" });

  // Stored sealed and hashed: never readable again from the database.
  const [row] = await sql<{ webhookSecretEncrypted: string; name: string; defaultCountry: string; timezone: string }>(`SELECT "webhookSecretEncrypted", name, "defaultCountry", timezone FROM "Project" WHERE key = $1`, [key]);
  expect(row).toMatchObject({ name: "Viewer's own shop", defaultCountry: "PL", timezone: "Europe/Warsaw" });
  expect(row!.webhookSecretEncrypted).not.toContain(secret);

  await page.getByRole("link", { name: "Open the project" }).click();
  await expect(page).toHaveURL(new RegExp(`/${key}/integration$`));
  await expect(page.getByTestId("signed-in-as")).toContainText("Owner");
  await page.goto(`/${key}/settings`);
  await expect(page.getByRole("heading", { name: "Delete this project" })).toBeVisible();
  await sql(`DELETE FROM "Project" WHERE key = $1`, [key]);
});

test("signed out, the new-project page asks to sign in first", async ({ page }) => {
  await page.goto("/projects/new");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fprojects%2Fnew/);
});

test("the owner invites a person from Project settings; the one-time link lets them set a password and sign in", async ({ page, browser }) => {
  await signInAs(page, "owner", `/${OTHER_PROJECT.key}/settings`);
  const people = page.getByTestId("people");
  await expect(people.getByTestId("people-members")).toContainText("owner@e2e.test");
  const invited = `newcomer-${Date.now()}@e2e.test`;
  const form = people.getByRole("form", { name: "Invite" });
  await form.getByLabel("E-mail").fill("not an e-mail");
  await form.getByRole("button", { name: "Invite" }).click();
  await expect(form.getByTestId("inviteEmail-error")).toBeVisible();
  await form.getByLabel("E-mail").fill(invited);
  await form.getByLabel("Role").selectOption("VIEWER");
  await form.getByRole("button", { name: "Invite" }).click();
  const link = (await people.getByTestId("invitation-link").textContent())!;
  // The token rides in the fragment: no server, log or Referer sees it; only its hash is stored.
  expect(new URL(link).pathname).toBe("/invite");
  expect((await sql(`SELECT 1 FROM "Invitation" WHERE "tokenHash" = $1`, [new URL(link).hash.slice(1)])).length).toBe(0);
  await expect(people.getByTestId("people-invitations")).toContainText(invited);

  // The newcomer, in a browser of their own.
  const theirs = await browser.newContext();
  const newcomer = await theirs.newPage();
  await newcomer.goto(link);
  await expect(newcomer.getByTestId("invitation-summary")).toContainText(OTHER_PROJECT.name);
  await expect(newcomer.getByTestId("invitation-summary")).toContainText(invited);
  await expect(newcomer).toHaveURL(/\/invite$/);
  await newcomer.getByLabel("Your name").fill("Nadia Newcomer");
  await newcomer.getByLabel("Password", { exact: true }).fill("a-new-password-1");
  await newcomer.getByLabel("Password again").fill("a-different-one");
  await newcomer.getByRole("button", { name: "Join the project" }).click();
  await expect(newcomer.getByTestId("inviteConfirm-error")).toHaveText("The two passwords differ.");
  await newcomer.getByLabel("Password again").fill("a-new-password-1");
  await newcomer.getByRole("button", { name: "Join the project" }).click();
  await expect(newcomer.getByTestId("login-invited")).toContainText(invited);
  await expect(newcomer.getByLabel("E-mail")).toHaveValue(invited);
  await newcomer.getByLabel("Password").fill("a-new-password-1");
  await newcomer.getByRole("button", { name: "Sign in" }).click();
  await expect(newcomer.getByTestId("signed-in-as")).toContainText(invited);
  await newcomer.goto(`/${OTHER_PROJECT.key}/settings`);
  // A viewer sees who is in the project but invites nobody.
  await expect(newcomer.getByTestId("people-members")).toContainText("Nadia Newcomer");
  await expect(newcomer.getByRole("form", { name: "Invite" })).toHaveCount(0);

  // Used once: the same link now says so.
  const again = await (await browser.newContext()).newPage();
  await again.goto(link);
  await expect(again.getByTestId("invitation-invalid")).toBeVisible();
  await theirs.close();
});
