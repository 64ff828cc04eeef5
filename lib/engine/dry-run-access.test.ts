// The dry run searches the CRM for any phone typed into it and shows the records it finds (contact and
// company names, deals): a lookup into the CRM that a VIEWER, who may only read this project's own events,
// is not given. Against the Pipedrive sandbox over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { connectActive } from "@/testing/connected";
import { makeProject } from "@/testing/factories";
import { openSandbox, pipedriveCredentials, type SandboxHandle } from "@/testing/sandbox";
import { dryRunAs } from "./dry-run-access";

let sandbox: SandboxHandle;
let project: { id: string; key: string; defaultCountry: string; timezone: string };

beforeAll(async () => {
  sandbox = await openSandbox("pipedrive", "dry-run-access", { record: true });
  const { projectKey } = await makeProject("Dry run access");
  project = await db().project.findUniqueOrThrow({ where: { key: projectKey }, select: { id: true, key: true, defaultCountry: true, timezone: true } });
  await connectActive(project, await pipedriveCredentials(sandbox), { userId: null, actor: "test" });
});
afterAll(() => sandbox.server.close());

const missed = { id: "dry-access-1", type: "call", direction: "incoming", status: "missed", startedAt: "2026-11-21T10:00:00Z", caller: "+380671234567", callee: "+380441234567", line: "sales-1" };

describe("who may run the dry run", () => {
  it("a VIEWER is refused before the CRM is asked anything", async () => {
    const before = sandbox.server.requests.length;
    await expect(dryRunAs("VIEWER", project, missed)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(sandbox.server.requests.length).toBe(before);
  });

  it.each(["ADMIN", "OWNER"] as const)("an %s sees what the CRM holds", async (role) => {
    expect((await dryRunAs(role, project, missed)).found.contact).toMatch(/^Taras Melnyk/);
  });
});
