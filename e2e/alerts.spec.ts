// Alerts: when the sandbox CRM revokes the token, every admin page shows a banner and the owners and
// admins get one mail (kept in the app's outbox here); connecting again clears the banner and mails once more.
import { expect, test } from "@playwright/test";
import { ALERTS_PROJECT, USERS } from "./support/fixtures";
import { activateAfterConnecting, apiToken, signInAs } from "./support/helpers";

test("a revoked token raises the banner and one mail; reconnecting clears it and mails the recovery", async ({ page, request }) => {
  await signInAs(page, "admin", `/${ALERTS_PROJECT.key}/integration`);
  await page.getByRole("button", { name: "Use the sandbox Pipedrive" }).click();
  await activateAfterConnecting(page);
  await expect(page.getByTestId("alert-banner")).toHaveCount(0);
  await page.goto(`/${ALERTS_PROJECT.key}/alerts`);
  await expect(page.getByText("No mails yet")).toBeVisible();

  // The CRM side: the token stops working.
  const revoked = await request.post(`/sandbox/pipedrive/_control?project=${ALERTS_PROJECT.key}`, { data: { revokeTokens: true }, headers: { authorization: `Bearer ${apiToken(ALERTS_PROJECT.key)}` } });
  expect(revoked.status()).toBe(200);
  await page.goto(`/${ALERTS_PROJECT.key}/integration`);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("connection-message")).toContainText("refused");

  // On every admin page, until it is fixed.
  for (const section of ["", "/events", "/matrix"]) {
    await expect(async () => {
      await page.goto(`/${ALERTS_PROJECT.key}${section}`);
      await expect(page.getByTestId("alert-banner")).toContainText("The CRM refused the stored credentials: deliveries are paused.", { timeout: 1000 });
    }).toPass({ timeout: 15_000 });
  }
  await page.goto(`/${ALERTS_PROJECT.key}/alerts`);
  await expect(page.getByTestId("open-alerts")).toContainText("The CRM refused the stored credentials");
  const mails = page.getByTestId("outbox-mail");
  await expect(mails).toHaveCount(1);
  await expect(mails.first()).toContainText("[Callbridge] Alerts project: the CRM refused the stored credentials; deliveries are paused");
  await expect(mails.first()).toContainText(`to ${[USERS.admin.email, USERS.owner.email].sort().join(", ")}`);
  await expect(mails.first()).toContainText("kept in the outbox");

  // Testing again does not mail again: one mail per incident.
  await page.goto(`/${ALERTS_PROJECT.key}/integration`);
  await page.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("connection-message")).toContainText("refused");

  await page.getByTestId("alert-banner").getByRole("link", { name: "Connect again" }).click();
  await page.getByRole("button", { name: "Use the sandbox Pipedrive" }).click();
  await expect(page.getByTestId("integration-status")).toHaveText("Inactive");
  await expect(async () => {
    await page.goto(`/${ALERTS_PROJECT.key}/alerts`);
    await expect(page.getByTestId("outbox-mail")).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByTestId("alert-banner")).toHaveCount(0);
  await expect(page.getByTestId("no-open-alerts")).toBeVisible();
  await expect(page.getByTestId("outbox-mail").first()).toContainText("[Callbridge] Alerts project: the CRM connection works again");
});
