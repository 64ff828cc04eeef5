// Shared by the bulk delivery tests: a project connected to its own sandbox account, the worker run until
// nothing is due, and the checks of the final state in the sandbox.
import { TASK_RULES_DEFAULT } from "@/lib/validation/config";
import { expect } from "vitest";
import type { CrmCredentials, CrmStage } from "@/lib/connectors/types";
import { crmMetadata } from "@/lib/config/metadata";
import { saveConfigSection } from "@/lib/config/service";
import { db } from "@/lib/db/client";
import { runDeliveries } from "@/lib/engine/drain";
import { connectActive } from "@/testing/connected";
import { normalisePhone } from "@/lib/phone/variants";
import { SEEDED_CALLERS, type MixSummary } from "./event-mix";
import { makeProject } from "./factories";
import { makeRetriesDue } from "./jobs";
import { openSandbox, pipedriveCredentials, zohoCredentials } from "./sandbox";

export type Crm = "zoho" | "pipedrive";
export const SHAPE = {
  zoho: {
    contacts: "Contacts",
    deals: "Deals",
    calls: "Calls",
    phones: (data: Record<string, unknown>) => [data.Phone, data.Mobile] as unknown[],
    stage: (data: Record<string, unknown>) => data.Stage,
    // A Zoho deal holds its stage's picklist value (the sandbox's values are the stages' names).
    stageValue: (stage: CrmStage) => stage.name,
    contactOf: (data: Record<string, unknown>) => (data.Contact_Name as { id?: string } | null)?.id,
  },
  pipedrive: {
    contacts: "persons",
    deals: "deals",
    calls: "callLogs",
    phones: (data: Record<string, unknown>) => ((data.phones ?? []) as Array<{ value: string }>).map((phone) => phone.value),
    stage: (data: Record<string, unknown>) => String(data.stage_id),
    stageValue: (stage: CrmStage) => stage.id,
    contactOf: (data: Record<string, unknown>) => data.person_id,
  },
} as const;

/**
 * Runs the worker until nothing is due. Bounded by time, not rounds: worker processes of other test files
 * share the job queue, and one they are killed in the middle of holds its client's jobs until pg-boss
 * hands them back, so a run of rounds may deliver nothing for a while.
 */
export async function deliverAll(projectId: string, limitMs = 480_000) {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    // Time travel: retries that backoff scheduled for later become due now.
    await makeRetriesDue(projectId);
    const counts = await runDeliveries({ projectId });
    if (counts.claimed === 0) return;
    if (counts.delivered === 0) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`deliveries did not finish within ${limitMs / 1000} s`);
}

export async function setUpBulkProject(crm: Crm, label: string) {
  const sandbox = await openSandbox(crm, label);
  const credentials = await sandboxCredentials(crm, sandbox);
  const { projectKey } = await makeProject(`Bulk ${crm}`);
  const project = await db().project.findUniqueOrThrow({ where: { key: projectKey } });
  await connectActive(project, credentials, { userId: null, actor: "test" });
  const pipelines = await crmMetadata(project.id);
  const target = pipelines!.pipelines.find((pipeline) => pipeline.isDefault)!;
  const stage = target.stages[2]!;
  await saveConfigSection(project, "stageRules", [{ id: "r", pipelineId: target.id, stageId: stage.id, variable: "pool", operator: "equals", value: "Контекстна реклама" }], { userId: null, actor: "test" });
  await saveConfigSection(project, "employees", [{ id: "e1", name: "Olena", email: "olena.koval@callbridge.local", sip: "olena", crmUserId: "" }], { userId: null, actor: "test" });
  // One task per missed call, so that counting tasks checks that each was written exactly once (the mix
  // repeats callers; "one open task per client" is tested on its own, task-rules-delivery.test.ts).
  await saveConfigSection(project, "taskRules", { ...TASK_RULES_DEFAULT, onePerClient: false }, { userId: null, actor: "test" });
  // Pipedrive's top API-token plan allows 120 requests per 2 s; the worker stays inside it (429s are retried).
  if (crm === "pipedrive") await sandbox.control({ burstLimit: 120 });
  const account = await db().sandboxAccount.findUniqueOrThrow({ where: { crm_name: { crm, name: sandbox.account } } });
  const seeded = new Set((await db().sandboxRecord.findMany({ where: { accountId: account.id, module: SHAPE[crm].deals } })).map((row) => row.id));
  return { sandbox, project, accountId: account.id, stageId: SHAPE[crm].stageValue(stage), defaultStageId: SHAPE[crm].stageValue(target.stages[0]!), seededDeals: seeded };
}
export type BulkProject = Awaited<ReturnType<typeof setUpBulkProject>>;


/**
 * `deals: "stages"`: no contact holds two deals Callbridge created, every new caller has one, each in the
 * stage the rules say for the client's first event. `deals: "per-contact"`: the first two only (when
 * answers were lost, which event created a deal is not known).
 */
export async function checkFinalState(crm: Crm, env: BulkProject, mix: MixSummary, options: { deals: "stages" | "per-contact" } = { deals: "stages" }) {
  const undelivered = await db().event.findMany({ where: { projectId: env.project.id, status: { not: "delivered" } }, select: { externalId: true, status: true, reason: true } });
  expect(undelivered).toEqual([]);
  const rows = (module: string) => db().sandboxRecord.findMany({ where: { accountId: env.accountId, module } });
  // No duplicate contacts: every number is held by exactly one contact, whatever format it arrived in.
  const byNumber = new Map<string, number>();
  for (const row of await rows(SHAPE[crm].contacts)) {
    const numbers = new Set(SHAPE[crm].phones(row.data as Record<string, unknown>).filter((value): value is string => typeof value === "string" && value.length > 0).map((value) => normalisePhone(value, "UA")?.e164));
    for (const number of numbers) if (number) byNumber.set(number, (byNumber.get(number) ?? 0) + 1);
  }
  for (const caller of mix.callers) expect(byNumber.get(caller), caller).toBe(1);
  // Every call logged once, with its recording.
  expect(await db().sandboxRecord.count({ where: { accountId: env.accountId, module: SHAPE[crm].calls } })).toBe(mix.calls);
  const withRecording = await db().event.count({ where: { projectId: env.project.id, type: "call", payload: { path: ["recordingUrl"], not: "null" } } });
  expect(await db().sandboxFile.count({ where: { accountId: env.accountId } })).toBe(withRecording);
  // Deals, judged from the events as they came in (never from the engine's own traces): no contact holds
  // two deals Callbridge created, every new caller got one, and each is in the stage the rules say for the
  // client's first event — a call from the pool matches the rule; a form or a chat (no pool) goes to the
  // default pipeline's first stage.
  const contacts = new Map((await rows(SHAPE[crm].contacts)).map((row) => [row.id, row.data as Record<string, unknown>]));
  const created = (await rows(SHAPE[crm].deals)).filter((row) => !env.seededDeals.has(row.id));
  const dealsOf = new Map<string, number>();
  for (const deal of created) {
    const contact = String(SHAPE[crm].contactOf(deal.data as Record<string, unknown>));
    dealsOf.set(contact, (dealsOf.get(contact) ?? 0) + 1);
  }
  for (const [contact, count] of dealsOf) expect(count, `deals of contact ${contact}`).toBe(1);
  const phonesOf = (contactId: string) =>
    SHAPE[crm]
      .phones(contacts.get(contactId) ?? {})
      .filter((value): value is string => typeof value === "string")
      .map((value) => normalisePhone(value, "UA")?.e164)
      .filter((value): value is string => Boolean(value));
  const contactOfCaller = new Map([...contacts.keys()].flatMap((id) => phonesOf(id).map((phone) => [phone, id] as const)));
  for (const caller of mix.callers) if (!SEEDED_CALLERS.includes(caller)) expect(dealsOf.get(contactOfCaller.get(caller) ?? ""), `deals of new caller ${caller}`).toBe(1);
  if (options.deals === "per-contact") return;
  const firstEvent = new Map<string, string>();
  for (const event of await db().event.findMany({ where: { projectId: env.project.id }, orderBy: [{ occurredAt: "asc" }, { receivedAt: "asc" }], select: { type: true, clientPhone: true } })) {
    if (event.clientPhone && !firstEvent.has(event.clientPhone)) firstEvent.set(event.clientPhone, event.type);
  }
  for (const deal of created) {
    const phones = phonesOf(String(SHAPE[crm].contactOf(deal.data as Record<string, unknown>)));
    const first = phones.map((phone) => firstEvent.get(phone)).find(Boolean);
    expect(first, `the first event of deal ${deal.id}'s client`).toBeDefined();
    expect(String(SHAPE[crm].stage(deal.data as Record<string, unknown>)), deal.id).toBe(String(first === "call" ? env.stageId : env.defaultStageId));
  }
}


/** The sandbox account's current credentials (new ones after a revocation). */
export const sandboxCredentials = async (crm: Crm, sandbox: Awaited<ReturnType<typeof openSandbox>>): Promise<CrmCredentials> =>
  crm === "zoho" ? zohoCredentials(sandbox) : pipedriveCredentials(sandbox);
