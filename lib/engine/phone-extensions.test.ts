// Issue 21, item 3: a contact the CRM holds with an extension ("+380 44 123 45 67 ext. 123") is the caller's
// contact. Stored in each sandbox over HTTP through the real connector; the engine's find step (the same
// code the worker runs) must match it, and a delivery must link the call to it instead of creating a contact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config/service";
import { createConnector } from "@/lib/connectors/registry";
import type { CrmConnector, CrmCredentials } from "@/lib/connectors/types";
import { db } from "@/lib/db/client";
import { parseEvent, type ClientEvent } from "@/lib/validation/platform-event";
import { connectActive } from "@/testing/connected";
import { insertTestEvent, makeProject } from "@/testing/factories";
import { openSandbox, pipedriveCredentials, zohoCredentials, type SandboxHandle } from "@/testing/sandbox";
import { decide } from "./decide";
import { findExisting } from "./find";
import { runDeliveries } from "./drain";

const call = (id: string, caller: string): ClientEvent => {
  const parsed = parseEvent({ id, type: "call", direction: "incoming", status: "answered", startedAt: new Date().toISOString(), durationSec: 30, caller, callee: "+380441110000", line: "sales-1" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.event as ClientEvent;
};

// Each stored with a different main number, so each caller can only be found through its own contact.
const STORED = [
  { stored: "+380 44 123 45 67 ext. 123", caller: "+380441234567" },
  { stored: "044 765-43-21 доб. 12", caller: "+380447654321" },
  { stored: "044 222 33 44 wew. 5", caller: "+380442223344" },
  { stored: "(044) 333-44-55 вн. 17", caller: "+380443334455" },
  { stored: "044 444 55 66 Durchwahl 21", caller: "+380444445566" },
];

describe.each(["zoho", "pipedrive"] as const)("contacts stored with an extension in %s", (crm) => {
  let sandbox: SandboxHandle;
  let project: { id: string; key: string };
  let connector: CrmConnector;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    sandbox = await openSandbox(crm, "extensions");
    const credentials: CrmCredentials = crm === "zoho" ? await zohoCredentials(sandbox) : await pipedriveCredentials(sandbox);
    const { projectKey } = await makeProject(`Extensions ${crm}`);
    project = await db().project.findUniqueOrThrow({ where: { key: projectKey }, select: { id: true, key: true } });
    await connectActive(project, credentials);
    connector = createConnector(credentials);
    for (const { stored, caller } of STORED) ids.set(caller, (await connector.create("contact", { name: `Desk ${stored}`, phones: [stored] })).id);
  });
  afterAll(() => sandbox.server.close());

  const find = async (event: ClientEvent) => {
    const config = await loadConfig(project.id);
    // remember: false keeps the link cache empty, so every lookup goes through the CRM's phone search.
    const { found } = await findExisting({ projectId: project.id, crm, connector, country: "UA", trace: [] }, event, config, { remember: false });
    return { found, config };
  };

  it.each(STORED)("a call from $caller finds the contact stored as $stored, and plans no new contact", async ({ caller }) => {
    const event = call(`find-${crm}-${caller}`, caller);
    const { found, config } = await find(event);
    expect(found.contact?.id).toBe(ids.get(caller));
    const plan = decide({ event, config, found, pipelines: [], crmUsers: [], defaultCountry: "UA", today: "2026-12-02" });
    expect(plan.steps.filter((step) => step.op === "create" && step.entity === "contact")).toEqual([]);
  });

  it("a stranger whose digits run the same way but whose main number is shorter is not the caller", async () => {
    // Digits 380445556678 in a row, but the main number is +38044555667 with extension 8.
    const stranger = (await connector.create("contact", { name: "Stranger", phones: ["+380 44 555 66 7 ext. 8"] })).id;
    const { found } = await find(call(`stranger-${crm}`, "+380445556678"));
    expect(found.contact?.id).not.toBe(stranger);
    expect(found.contact).toBeNull();
  });

  it("a delivered call from the main number links its call log to the stored contact and creates no contact", async () => {
    const account = await db().sandboxAccount.findUniqueOrThrow({ where: { crm_name: { crm, name: sandbox.account } } });
    const contacts = () => db().sandboxRecord.count({ where: { accountId: account.id, module: crm === "zoho" ? "Contacts" : "persons" } });
    const before = await contacts();
    const id = await insertTestEvent(project.id, { id: `deliver-${crm}`, type: "call", direction: "incoming", status: "answered", startedAt: new Date().toISOString(), durationSec: 30, caller: "+380441234567", callee: "+380441110000", line: "sales-1" });
    await runDeliveries({ projectId: project.id });
    expect((await db().event.findUniqueOrThrow({ where: { id } })).status).toBe("delivered");
    expect(await contacts()).toBe(before);
    const log = (await db().sandboxRecord.findMany({ where: { accountId: account.id, module: crm === "zoho" ? "Calls" : "callLogs" }, orderBy: { createdAt: "desc" }, take: 1 }))[0]!.data as Record<string, unknown>;
    expect(crm === "zoho" ? (log.Who_Id as { id: string }).id : String(log.person_id)).toBe(ids.get("+380441234567"));
  });
});
