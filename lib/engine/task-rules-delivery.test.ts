// F23, Ringostat's task rules, delivered by the worker on both sandbox CRMs over HTTP: the missed-call task
// once per client while it is open (again once a user completed it in the CRM), a task for the responsible
// manager when another employee answered, one for the top manager when the answering employee is unknown,
// each due as its rule says.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveConfigSection } from "@/lib/config/service";
import { createConnector } from "@/lib/connectors/registry";
import { db } from "@/lib/db/client";
import { TASK_RULES_DEFAULT } from "@/lib/validation/config";
import { setUp } from "@/testing/delivery-env";
import type { TraceEntry } from "./trace";
import { runDeliveries } from "./drain";

const WHO = { userId: null, actor: "test" };
const TARAS = "+380671234567"; // a contact owned by Olena in both seeds
const NADIIA = "+380931112233"; // another of Olena's contacts
const EMPLOYEES = [
  { id: "olena", name: "Olena Koval", email: "olena.koval@callbridge.local", sip: "olena", crmUserId: "" },
  { id: "marek", name: "Marek Nowak", email: "marek.nowak@callbridge.local", sip: "marek", crmUserId: "" },
];

describe.each(["pipedrive", "zoho"] as const)("task rules in %s", (crm) => {
  let env: Awaited<ReturnType<typeof setUp>>;
  let users: Array<{ id: string; email: string }>;
  beforeAll(async () => {
    env = await setUp(crm, "task-rules");
    await saveConfigSection(env.project, "employees", EMPLOYEES, WHO);
    await saveConfigSection(env.project, "routing", { enabled: false, mode: "crm_owner", order: ["contact"], fallbackEmployeeId: "marek", timeoutMs: 1500 }, WHO);
    await saveConfigSection(
      env.project,
      "taskRules",
      { ...TASK_RULES_DEFAULT, otherAnswered: { enabled: true, due: { kind: "hours", amount: 4 } }, unknownEmployee: { enabled: true, due: { kind: "minutes", amount: 30 } } },
      WHO,
    );
    users = await createConnector(env.credentials).listUsers();
  });
  afterAll(() => env.sandbox.server.close());

  const userOf = (email: string) => users.find((user) => user.email === email)!.id;
  const drain = () => runDeliveries({ projectId: env.project.id });
  /** The tasks in the CRM (Pipedrive keeps call logs as activities too: only those of type task). */
  const tasks = async () =>
    (await env.records(crm === "zoho" ? "Tasks" : "activities")).map((row) => ({ id: row.id, data: row.data as Record<string, unknown> })).filter((task) => crm === "zoho" || task.data.type === "task");
  const ownerOf = (task: { data: Record<string, unknown> }) => String(crm === "zoho" ? (task.data.Owner as { id: string }).id : task.data.owner_id);
  const traceOf = async (id: string) => (await env.event(id)).trace as unknown as TraceEntry[];
  /** A user completes the task in the CRM. */
  const complete = async (taskId: string) => {
    const row = await db().sandboxRecord.findFirstOrThrow({ where: { id: taskId, module: crm === "zoho" ? "Tasks" : "activities", account: { name: env.sandbox.account } } });
    await db().sandboxRecord.update({ where: { accountId_module_id: { accountId: row.accountId, module: row.module, id: row.id } }, data: { data: { ...(row.data as object), ...(crm === "zoho" ? { Status: "Completed" } : { done: true }) } } });
  };

  it("a second missed call does not pile up a second task while the first is open; once completed, the next one gets one", async () => {
    const number = "+380671330001";
    const before = (await tasks()).length;
    await env.call(number, { status: "missed", durationSec: 0, recordingUrl: undefined });
    await drain();
    const [first] = (await tasks()).slice(before);
    expect(first).toBeDefined();
    const second = await env.call(number, { status: "missed", durationSec: 0, recordingUrl: undefined });
    await drain();
    expect((await tasks()).length).toBe(before + 1);
    expect((await env.event(second)).reason).toContain("task (missed): the client's earlier task is still open in the CRM");

    await complete(first!.id);
    await env.call(number, { status: "missed", durationSec: 0, recordingUrl: undefined });
    await drain();
    expect((await tasks()).length).toBe(before + 2);
  });

  it("another employee answered a caller who has a responsible manager: a task for that manager, due in 4 hours", async () => {
    const before = (await tasks()).length;
    const sent = Date.now();
    const id = await env.call(TARAS, { employee: { sip: "marek" } });
    await drain();
    expect((await env.event(id)).status).toBe("delivered");
    const added = (await tasks()).slice(before);
    expect(added).toHaveLength(1);
    expect(ownerOf(added[0]!)).toBe(userOf("olena.koval@callbridge.local"));
    const subject = String(added[0]!.data[crm === "zoho" ? "Subject" : "subject"]);
    expect(subject).toContain("talked to Marek Nowak");
    if (crm === "pipedrive") {
      // Pipedrive keeps the due moment (UTC): 4 hours after the delivery.
      const due = Date.parse(`${added[0]!.data.due_date}T${added[0]!.data.due_time}:00Z`);
      expect(Math.abs(due - (sent + 4 * 3_600_000))).toBeLessThan(5 * 60_000);
    }
    expect((await traceOf(id)).some((entry) => entry.step === "task:otherAnswered" && entry.ok)).toBe(true);
  });

  it("the answering employee is unknown: a task for the top manager", async () => {
    const before = (await tasks()).length;
    const id = await env.call("+380671330002", { employee: { sip: "ghost-42" } });
    await drain();
    expect((await env.event(id)).status).toBe("delivered");
    const added = (await tasks()).slice(before);
    expect(added).toHaveLength(1);
    expect(ownerOf(added[0]!)).toBe(userOf("marek.nowak@callbridge.local"));
  });

  it("the responsible manager answered their own caller: no task", async () => {
    // A caller of Olena's with no earlier task of this rule (TARAS has one open from the test above).
    const before = (await tasks()).length;
    const id = await env.call(NADIIA, { employee: { sip: "olena" } });
    await drain();
    expect((await env.event(id)).status).toBe("delivered");
    expect((await tasks()).length).toBe(before);
    expect((await env.event(id)).reason ?? "").not.toContain("task (otherAnswered)");
  });
});
