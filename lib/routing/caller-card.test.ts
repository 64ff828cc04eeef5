// F19: the caller card a softphone shows while it rings, on both sandbox CRMs over HTTP: the caller's name,
// record and open deal with the CRM's web links, answered from the CRM and then from the routing cache,
// also when nobody is routed to (404 next), and the sandbox's record pages leading to the project's viewer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxCrm } from "@/lib/sandbox/accounts";
import { saveConfigSection } from "@/lib/config/service";
import { db } from "@/lib/db/client";
import { signPayload } from "@/lib/events/signature";
import { pipedriveRecordUrl } from "@/lib/connectors/pipedrive/links";
import { zohoRecordUrl } from "@/lib/connectors/zoho/links";
import { connectActive } from "@/testing/connected";
import { sandboxCredentials } from "@/testing/bulk";
import { makeProject } from "@/testing/factories";
import { openSandbox, type SandboxHandle } from "@/testing/sandbox";
import type { IntegrationConfig } from "@/lib/validation/config";
import { responsibleManager } from "./lookup";
import { dropOwnerMemory } from "./owner-cache";

const WHO = { userId: null, actor: "test" };
const TARAS = "+380671234567"; // contact owned by Olena, with an organization and an open deal
const ANDRII = "+380637778899"; // contact owned by Iryna, who is not an employee of the project
const EMPLOYEES = [{ id: "olena", name: "Olena Koval", email: "olena.koval@callbridge.local", sip: "olena", crmUserId: "" }];
const ROUTING: IntegrationConfig["routing"] = { enabled: true, mode: "crm_owner", order: ["contact", "organization", "deal"], fallbackEmployeeId: "", timeoutMs: 1500 };

describe("record web links of the real CRMs", () => {
  it("Pipedrive: the company's own domain", () => {
    expect(pipedriveRecordUrl("https://acme.pipedrive.com", "contact", "42", "acme")).toBe("https://acme.pipedrive.com/person/42");
    // An OAuth connection calls api.pipedrive.com: the company comes from users/me.
    expect(pipedriveRecordUrl("https://api.pipedrive.com", "deal", "7", "acme")).toBe("https://acme.pipedrive.com/deal/7");
    expect(pipedriveRecordUrl("https://api.pipedrive.com", "deal", "7")).toBeNull();
    expect(pipedriveRecordUrl("https://acme.pipedrive.com", "lead", "a1-b2")).toBe("https://acme.pipedrive.com/leads/inbox/a1-b2");
  });
  it("Zoho: the data centre's CRM host, the org's domain name and the module's tab", () => {
    expect(zohoRecordUrl("https://www.zohoapis.eu", "contact", "5512", "org20071234")).toBe("https://crm.zoho.eu/crm/org20071234/tab/Contacts/5512");
    expect(zohoRecordUrl("https://www.zohoapis.ca", "deal", "9", "org1")).toBe("https://crm.zohocloud.ca/crm/org1/tab/Deals/9");
  });
});

describe.each(["pipedrive", "zoho"] as const)("%s: the caller card", (crm: SandboxCrm) => {
  let sandbox: SandboxHandle;
  let project: { id: string; key: string; webhookSecret: string };
  let pending: Array<Promise<unknown>> = [];

  beforeAll(async () => {
    sandbox = await openSandbox(crm, "card");
    const created = await makeProject(`Caller card ${crm}`);
    const row = await db().project.findUniqueOrThrow({ where: { key: created.projectKey } });
    project = { id: row.id, key: row.key, webhookSecret: created.webhookSecret };
    await connectActive(project, await sandboxCredentials(crm, sandbox), WHO);
    await saveConfigSection(project, "employees", EMPLOYEES, WHO);
    await saveConfigSection(project, "routing", ROUTING, WHO);
  });
  afterAll(async () => {
    await Promise.allSettled(pending);
    await sandbox.server.close();
  });

  const ask = async (callerNumber: string) => {
    const rawBody = JSON.stringify({ callerNumber });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const answer = await responsibleManager({ projectKey: project.key, rawBody, timestamp, signature: signPayload(project.webhookSecret, timestamp, rawBody) }, (task) => void pending.push(task()));
    await Promise.all(pending);
    pending = [];
    return answer;
  };
  const base = () => `${sandbox.server.url}/sandbox/${crm}`;
  const contactUrl = () => (crm === "zoho" ? new RegExp(`^${base()}/crm/org\\d+/tab/Contacts/\\d+$`) : new RegExp(`^${base()}/web/sandbox-${sandbox.account}/person/\\d+$`));
  const dealUrl = () => (crm === "zoho" ? new RegExp(`^${base()}/crm/org\\d+/tab/Deals/\\d+$`) : new RegExp(`^${base()}/web/sandbox-${sandbox.account}/deal/\\d+$`));

  it("a known caller: the manager, and the card with the contact, its open deal, its stage and the CRM's links", async () => {
    await db().routingCache.deleteMany({ where: { projectId: project.id } });
    dropOwnerMemory();
    const answer = await ask("067 123 45 67");
    expect(answer.status).toBe(200);
    const card = answer.body.caller!;
    expect(card.url).not.toBeNull();
    expect(card).toMatchObject({ name: "Taras Melnyk", entity: "contact", url: expect.stringMatching(contactUrl()) });
    expect(card.url!.endsWith(`/${card.id}`)).toBe(true);
    expect(card.openDeal).toMatchObject({ title: expect.stringContaining("Taras Melnyk"), url: expect.stringMatching(dealUrl()) });
    expect(card.openDeal!.stage).not.toBe("");
    expect(card.openDeal!.stage).not.toMatch(/^\d+$/);

    // Answered again from the routing cache: the same card, with no CRM call.
    const again = await ask(TARAS);
    expect(again.status === 200 && again.body.caller).toEqual(card);
  });

  it("nobody to route to (the owner is not an employee): 404 next, still with who is calling", async () => {
    const answer = await ask(ANDRII);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ next: true, caller: { entity: "contact", url: expect.stringMatching(contactUrl()) } });
  });

  it("an unknown caller: 404 next and no card", async () => {
    const answer = await ask("+380991112299");
    expect(answer).toEqual({ status: 404, body: { next: true } });
  });

  it("the card's link opens the record in the project's sandbox viewer", async () => {
    const answer = await ask(TARAS);
    const card = answer.body.caller!;
    const before = await fetch(card.url!, { redirect: "manual" });
    expect(before.status).toBe(404); // the test's sandbox account belongs to no project yet
    await db().sandboxAccount.update({ where: { crm_name: { crm, name: sandbox.account } }, data: { projectId: project.id } });
    const opened = await fetch(card.url!, { redirect: "manual" });
    expect(opened.status).toBe(302);
    const viewerModule = crm === "zoho" ? "Contacts" : "persons";
    expect(opened.headers.get("location")).toBe(`/${project.key}/sandbox?crm=${crm}&account=${sandbox.account}#${viewerModule}-${card.id}`);
  });
});
