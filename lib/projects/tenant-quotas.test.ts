// The per-user and per-project quotas on real PostgreSQL: projects a user creates a day, dry runs and
// connection tests a user runs a minute (each asks the CRM), and a stop-list's size (a 422 naming the limit).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveConfigSection } from "@/lib/config/service";
import { db } from "@/lib/db/client";
import { forgetEnv } from "@/lib/env";
import { dryRunAs, testConnectionAs } from "@/lib/engine/crm-checks";
import { setUp } from "@/testing/delivery-env";
import { makeMember, makeProject } from "@/testing/factories";
import { createProjectAsUser } from "./create-project";

const LIMITS = { PROJECTS_PER_USER_PER_DAY: "3", CRM_CHECKS_PER_USER_PER_MINUTE: "2", STOP_LIST_MAX_ENTRIES: "5" };
const saved = Object.fromEntries(Object.keys(LIMITS).map((name) => [name, process.env[name]]));
beforeAll(() => {
  Object.assign(process.env, LIMITS);
  forgetEnv();
});
afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  forgetEnv();
});

async function signedInUser(label: string) {
  const { projectKey } = await makeProject(label);
  const { email } = await makeMember(projectKey, "ADMIN");
  return db().user.findUniqueOrThrow({ where: { email }, select: { id: true, email: true } });
}

const settings = (name: string) => ({ name, timezone: "Europe/Kyiv", defaultCountry: "UA" });

describe("projects per user per day", () => {
  it("refuses the fourth project of the day with 429 and Retry-After, while another user still creates theirs", async () => {
    const [user, other] = await Promise.all([signedInUser("Creator"), signedInUser("Other creator")]);
    for (let n = 1; n <= 3; n++) await createProjectAsUser(settings(`Mine ${n}`), user);
    const refused = await createProjectAsUser(settings("One too many"), user).catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: "RATE_LIMITED", status: 429, message: expect.stringMatching(/^You can create at most 3 projects a day \(PROJECTS_PER_USER_PER_DAY\)\. Try again in \d+ s\.$/) });
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(23 * 3600);
    expect(await db().project.count({ where: { name: "One too many" } })).toBe(0);
    await expect(createProjectAsUser(settings("Theirs"), other)).resolves.toMatchObject({ projectKey: expect.any(String) });
  });
});

describe("dry runs and connection tests per user per minute", () => {
  let env: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    env = await setUp("pipedrive", "crm-checks");
  });
  afterAll(() => env.sandbox.server.close());

  it("refuses the third of each a minute, counted per user and per kind", async () => {
    const [user, other] = await Promise.all([signedInUser("Checker"), signedInUser("Other checker")]);
    const sample = { id: "dry-1", type: "call", direction: "incoming", status: "answered", startedAt: new Date().toISOString(), caller: "+380661130001", callee: "+380441234567", line: "sales-1" };
    const project = await db().project.findUniqueOrThrow({ where: { id: env.project.id } });
    for (let n = 0; n < 2; n++) await dryRunAs(project, sample, user.id);
    await expect(dryRunAs(project, sample, user.id)).rejects.toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/^You can run at most 2 dry runs a minute \(CRM_CHECKS_PER_USER_PER_MINUTE\)/) });
    // The connection tests have their own budget, and another user theirs.
    for (let n = 0; n < 2; n++) await testConnectionAs(env.project.id, user.id);
    await expect(testConnectionAs(env.project.id, user.id)).rejects.toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number), message: expect.stringMatching(/at most 2 connection tests a minute/) });
    await expect(dryRunAs(project, sample, other.id)).resolves.toBeDefined();
  });
});

describe("stop-list size per project", () => {
  it("refuses a list longer than STOP_LIST_MAX_ENTRIES with a 422 naming the limit, and keeps the stored one", async () => {
    const { projectKey } = await makeProject("Stop-list limit");
    const project = await db().project.findUniqueOrThrow({ where: { key: projectKey } });
    const entries = (count: number) => Array.from({ length: count }, (_, index) => ({ id: String(index), kind: "sip", value: `office-${100 + index}`, note: "" }));
    await saveConfigSection(project, "stopList", entries(5), { userId: null, actor: "test" });
    const refused = await saveConfigSection(project, "stopList", entries(6), { userId: null, actor: "test" }).catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 422, issues: [{ path: "value", message: "The stop-list holds at most 5 entries (STOP_LIST_MAX_ENTRIES); this one has 6." }] });
  });
});
