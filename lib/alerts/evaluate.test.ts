// Alerts against a real database and a real SMTP server on loopback: one mail per incident to the
// project's OWNERs and ADMINs, one when it recovers, however many evaluations run at once.
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { forgetEnv } from "@/lib/env";
import { sealCredentials } from "@/lib/connectors/sealed-credentials";
import { makeMember, makeProject } from "@/testing/factories";
import { alertsToChange, wantedAlerts } from "./conditions";
import { evaluateAlerts, evaluateAllAlerts } from "./evaluate";
import { watchedProjectFacts } from "@/lib/db/queries/alerts";

const received: Array<{ to: string[]; raw: string }> = [];
let smtp: SMTPServer;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address).sort(), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  forgetEnv();
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  forgetEnv();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

async function project(label: string) {
  const created = await makeProject(label);
  const row = await db().project.findUniqueOrThrow({ where: { key: created.projectKey } });
  const owner = await makeMember(created.projectKey, "OWNER");
  const admin = await makeMember(created.projectKey, "ADMIN");
  await makeMember(created.projectKey, "VIEWER");
  await db().integration.create({ data: { projectId: row.id, crm: "pipedrive", status: "active", credentialsEncrypted: sealCredentials({ crm: "pipedrive", auth: "api_token", apiBase: "http://127.0.0.1:9", apiToken: "x".repeat(40) }, row.id) } });
  return { id: row.id, name: row.name, recipients: [owner.email, admin.email].sort() };
}
const outbox = (projectId: string) => db().outboxMail.findMany({ where: { projectId }, orderBy: { createdAt: "asc" } });

describe("alert conditions", () => {
  it("broken is an incident; failures only past 5 and 20% of the hour's settled events", () => {
    expect(wantedAlerts({ status: "broken", lastError: "token revoked", lastHour: { failed: 0, settled: 0 } })).toEqual({ broken: "token revoked" });
    expect(wantedAlerts({ status: "active", lastError: null, lastHour: { failed: 4, settled: 4 } })).toEqual({});
    expect(wantedAlerts({ status: "active", lastError: null, lastHour: { failed: 5, settled: 100 } })).toEqual({});
    expect(wantedAlerts({ status: "active", lastError: null, lastHour: { failed: 5, settled: 25 } })).toEqual({ failures: "5 of 25 events failed in the last hour." });
  });

  it("only the kinds whose wanted state differs from the open ones change", () => {
    const healthy = { status: "active", lastError: null, lastHour: { failed: 0, settled: 9 } } as const;
    expect(alertsToChange(healthy, [])).toEqual([]);
    expect(alertsToChange(healthy, ["failures"])).toEqual(["failures"]);
    expect(alertsToChange({ ...healthy, status: "broken" }, ["broken"])).toEqual([]);
    expect(alertsToChange({ ...healthy, status: "broken" }, ["failures"])).toEqual(["broken", "failures"]);
  });
});

describe("evaluateAllAlerts", () => {
  it("reads every watched project's facts in one query and changes only the projects that need it, once however many processes run it", async () => {
    const broken = await project("Alerts pass broken");
    const healthy = await project("Alerts pass healthy");
    const unconnected = await db().project.findUniqueOrThrow({ where: { key: (await makeProject("Alerts pass unconnected")).projectKey } });
    await db().integration.update({ where: { projectId: broken.id }, data: { status: "broken", lastError: "Pipedrive refused the API token" } });

    const facts = await watchedProjectFacts(new Date(Date.now() - 3_600_000));
    expect(facts.find((row) => row.projectId === broken.id)).toEqual({ projectId: broken.id, status: "broken", lastError: "Pipedrive refused the API token", pausedUntil: null, pauseReason: null, failed: 0, settled: 0, open: [] });
    expect(facts.find((row) => row.projectId === healthy.id)).toMatchObject({ status: "active", open: [] });
    expect(facts.some((row) => row.projectId === unconnected.id)).toBe(false);

    // Three processes' passes at once: one opening, one mail.
    await Promise.all([evaluateAllAlerts(), evaluateAllAlerts(), evaluateAllAlerts()]);
    expect((await outbox(broken.id)).map((mail) => mail.subject)).toEqual([`[Callbridge] ${broken.name}: the CRM refused the stored credentials; deliveries are paused`]);
    expect(await outbox(healthy.id)).toEqual([]);
    expect((await watchedProjectFacts(new Date(Date.now() - 3_600_000))).find((row) => row.projectId === broken.id)?.open).toEqual(["broken"]);

    // Disconnected while the incident is open: still watched until the pass closes it.
    await db().integration.delete({ where: { projectId: broken.id } });
    expect((await watchedProjectFacts(new Date(Date.now() - 3_600_000))).find((row) => row.projectId === broken.id)).toMatchObject({ status: null, open: ["broken"] });
    await evaluateAllAlerts();
    expect((await outbox(broken.id)).map((mail) => mail.subject).at(-1)).toBe(`[Callbridge] ${broken.name}: the CRM connection works again`);
    expect((await watchedProjectFacts(new Date(Date.now() - 3_600_000))).some((row) => row.projectId === broken.id)).toBe(false);
  });
});

describe("evaluateAlerts", () => {
  it("mails the OWNERs and ADMINs once when the CRM refuses us, and once when it works again", async () => {
    const p = await project("Alerts broken");
    await db().integration.update({ where: { projectId: p.id }, data: { status: "broken", lastError: "Pipedrive refused the API token" } });
    const runs = await Promise.all(Array.from({ length: 5 }, () => evaluateAlerts(p.id)));
    expect(runs.flatMap((run) => run.opened)).toEqual(["broken"]);
    expect(await evaluateAlerts(p.id)).toEqual({ opened: [], closed: [] });
    const [opened] = await outbox(p.id);
    expect(opened).toMatchObject({ to: p.recipients, subject: `[Callbridge] ${p.name}: the CRM refused the stored credentials; deliveries are paused`, sentAt: expect.any(Date), error: null });
    expect(opened!.text).toContain("Pipedrive refused the API token");
    expect(received.filter((mail) => mail.raw.includes(p.name))).toEqual([{ to: p.recipients, raw: expect.stringContaining("Pipedrive refused the API token") }]);

    await db().integration.update({ where: { projectId: p.id }, data: { status: "inactive", lastError: null } });
    expect(await evaluateAlerts(p.id)).toEqual({ opened: [], closed: ["broken"] });
    expect((await outbox(p.id)).map((mail) => mail.subject)).toEqual([opened!.subject, `[Callbridge] ${p.name}: the CRM connection works again`]);
    expect(await db().alertState.count({ where: { projectId: p.id, openSince: { not: null } } })).toBe(0);
  });

  it("opens a failures incident past the threshold and closes it when the hour is clean", async () => {
    const p = await project("Alerts failures");
    const insert = (status: string, count: number, receivedAt: string) =>
      db().$executeRawUnsafe(
        `INSERT INTO "Event" (id, "projectId", "externalId", type, payload, status, reason, "occurredAt", "receivedAt") SELECT $1 || n, $2, $1 || n, 'call', '{}'::jsonb, $3::"EventStatus", CASE WHEN $3::text IN ('failed', 'dead') THEN 'HTTP 502' END, now(), ${receivedAt} FROM generate_series(1, $4::int) n`,
        `${status}-${p.id}-`,
        p.id,
        status,
        count,
      );
    await insert("failed", 6, "now()");
    await insert("delivered", 4, "now()");
    expect(await evaluateAlerts(p.id)).toEqual({ opened: ["failures"], closed: [] });
    expect((await outbox(p.id))[0]!.text).toContain("6 of 10 events failed in the hour before this opened.");
    await db().event.updateMany({ where: { projectId: p.id }, data: { receivedAt: new Date(Date.now() - 2 * 3_600_000) } });
    expect(await evaluateAlerts(p.id)).toEqual({ opened: [], closed: ["failures"] });
  });

  it("writes its mails in the project's language", async () => {
    const p = await project("Alerty");
    await db().project.update({ where: { id: p.id }, data: { crmLanguage: "pl" } });
    await db().integration.update({ where: { projectId: p.id }, data: { status: "broken", lastError: "Pipedrive refused the API token" } });
    expect((await evaluateAlerts(p.id)).opened).toEqual(["broken"]);
    const [opened] = await outbox(p.id);
    expect(opened!.subject).toBe(`[Callbridge] ${p.name}: CRM odrzucił zapisane dane logowania; przekazywanie wstrzymane`);
    // The CRM's own refusal stays as the CRM said it; the links are named in Polish.
    expect(opened!.text).toContain("Pipedrive refused the API token");
    expect(opened!.text).toContain("Otwórz projekt: ");
    expect(opened!.text).not.toContain("Open the project");
  });
});
