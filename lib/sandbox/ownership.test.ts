// Sandbox accounts belong to projects: the viewer and the control endpoint see only the project's own.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { makeProject } from "@/testing/factories";
import { ensureSandboxAccount, projectSandboxAccount } from "./accounts";
import { control } from "./control";
import { sandboxSnapshot } from "./viewer";

async function project(name: string) {
  const created = await makeProject(name);
  return db().project.findUniqueOrThrow({ where: { key: created.projectKey }, select: { id: true, key: true } });
}

const controlRequest = (crm: "pipedrive" | "zoho", query: string, body?: unknown) => {
  const url = new URL(`http://127.0.0.1/sandbox/${crm}/_control?${query}`);
  return { request: new Request(url, body ? { method: "POST", body: JSON.stringify(body) } : {}), url, base: `http://127.0.0.1/sandbox/${crm}` };
};

describe("sandbox accounts of a project", () => {
  it("the viewer shows the project's own accounts, never another project's or the standalone server's", async () => {
    const mine = await project("Sandbox mine");
    const theirs = await project("Sandbox theirs");
    const theirsAccount = await projectSandboxAccount("pipedrive", theirs);
    await ensureSandboxAccount("pipedrive", "default");
    const snapshot = await sandboxSnapshot("pipedrive", mine, null);
    expect(snapshot?.accounts).toEqual([`project-${mine.key}`]);
    expect(await sandboxSnapshot("pipedrive", mine, theirsAccount.name)).toBeNull();
    expect(await sandboxSnapshot("pipedrive", mine, "default")).toBeNull();
  });

  it("control in a project's scope acts on its own account and answers 404 for any other", async () => {
    const mine = await project("Control mine");
    const theirs = await project("Control theirs");
    const theirsAccount = await projectSandboxAccount("zoho", theirs);
    const own = await control("zoho", controlRequest("zoho", ""), { project: mine });
    expect([own.status, (await own.json()).account]).toEqual([200, `project-${mine.key}`]);
    const other = await control("zoho", controlRequest("zoho", `account=${theirsAccount.name}`, { revokeTokens: true }), { project: mine });
    expect(other.status).toBe(404);
    // Read through the sandbox's storage, which opens the sealed credentials.
    const untouched = await (await import("@/lib/db/queries/sandbox")).findSandboxAccountById(theirsAccount.id);
    expect(untouched!.credentials).toEqual(theirsAccount.credentials);
  });
});
