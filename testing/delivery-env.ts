// A project connected to a sandbox CRM over real HTTP, with helpers to post events into it and count what
// the sandbox holds: the set-up of the delivery tests.
import type { CrmCredentials } from "@/lib/connectors/types";
import { saveConfigSection } from "@/lib/config/service";
import { db } from "@/lib/db/client";
import { connectActive } from "./connected";
import { insertTestEvent, makeProject } from "./factories";
import { openSandbox, pipedriveCredentials, zohoCredentials } from "./sandbox";

export type Crm = "zoho" | "pipedrive";
export const MODULES: Record<Crm, { contacts: string; deals: string; calls: string }> = {
  zoho: { contacts: "Contacts", deals: "Deals", calls: "Calls" },
  pipedrive: { contacts: "persons", deals: "deals", calls: "callLogs" },
};

export async function setUp(crm: Crm, label: string) {
  const sandbox = await openSandbox(crm, label);
  const credentials: CrmCredentials = crm === "zoho" ? await zohoCredentials(sandbox) : await pipedriveCredentials(sandbox);
  const { projectKey } = await makeProject(`Deliveries ${crm}`);
  const project = await db().project.findUniqueOrThrow({ where: { key: projectKey } });
  await connectActive(project, credentials, { userId: null, actor: "test" });
  await saveConfigSection(project, "employees", [{ id: "e1", name: "Olena", email: "olena.koval@callbridge.local", sip: "olena", crmUserId: "" }], { userId: null, actor: "test" });
  const account = await db().sandboxAccount.findUniqueOrThrow({ where: { crm_name: { crm, name: sandbox.account } } });
  const count = (module: string) => db().sandboxRecord.count({ where: { accountId: account.id, module } });
  const records = (module: string) => db().sandboxRecord.findMany({ where: { accountId: account.id, module }, orderBy: { createdAt: "asc" } });
  const files = () => db().sandboxFile.count({ where: { accountId: account.id } });
  let sequence = 0;
  const call = async (caller: string, patch: Record<string, unknown> = {}) => {
    const id = `${crm}-${label}-${++sequence}`;
    const payload = { id, type: "call", direction: "incoming", status: "answered", startedAt: new Date().toISOString(), durationSec: 61, caller, callee: "+380441234567", line: "sales-1", employee: { sip: "olena" }, recordingUrl: `${sandbox.server.url}/sandbox/${crm}/recordings/${id}.mp3`, ...patch };
    return insertTestEvent(project.id, payload);
  };
  const event = (id: string) => db().event.findUniqueOrThrow({ where: { id } });
  const form = async (fields: Record<string, string>, patch: Record<string, unknown> = {}) =>
    insertTestEvent(project.id, { id: `${crm}-${label}-${++sequence}`, type: "form", submittedAt: new Date().toISOString(), formName: "Contact us", pageUrl: "https://shop.example.com/contact", fields, ...patch });
  return { sandbox, project, credentials, count, records, files, call, form, event };
}
