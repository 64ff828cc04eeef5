import { readFileSync } from "node:fs";
import { expect, type Page } from "@playwright/test";
import pg from "pg";
import { PASSWORD, STATE_FILE, USERS, type UserName } from "./fixtures";

export async function signIn(page: Page, user: UserName, password = PASSWORD) {
  await page.getByLabel("E-mail").fill(USERS[user].email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in from the login page and waits until the admin shell is shown. */
export async function signInAs(page: Page, user: UserName, path = "/") {
  await page.goto(path);
  await signIn(page, user);
  await expect(page.getByTestId("signed-in-as")).toContainText(USERS[user].email);
}

function state() {
  return JSON.parse(readFileSync(STATE_FILE, "utf8")) as { databaseUrl: string; apiTokens: Record<string, string> };
}

/** The project's API token, as `create-project` printed it. */
export const apiToken = (projectKey: string) => state().apiTokens[projectKey]!;

/** Direct SQL on the e2e database, for set-up that the UI does not offer (e.g. changing someone's role). */
export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const { databaseUrl } = state();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** A new connection starts inactive (connecting never switches deliveries on); the admin activates it. */
export async function activateAfterConnecting(page: Page) {
  await expect(page.getByTestId("integration-status")).toHaveText("Inactive");
  await expect(page.getByTestId("inactive-hint")).toBeVisible();
  await page.getByRole("button", { name: "Activate" }).click();
  await expect(page.getByTestId("integration-status")).toHaveText("Active");
}
