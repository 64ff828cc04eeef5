// The demo data: one project and its admin. Idempotent: a second run changes nothing that exists.
import { defaultConfig } from "../lib/config/defaults";
import { configSaved, loadConfig, replaceConfig, saveConfigSection } from "../lib/config/service";
import { customKey } from "../lib/sandbox/pipedrive/seed";
import { findIntegrationSummary, saveIntegration, setIntegrationStatus } from "../lib/db/queries/integrations";
import { findProjectByKey } from "../lib/db/queries/projects";
import { sandboxEnabled } from "../lib/env";
import { sealCredentials } from "../lib/connectors/sealed-credentials";
import { pipedriveSandboxCredentials } from "../lib/sandbox/credentials";
import { DEMO_PEOPLE } from "../lib/sandbox/demo-people";
import { findUserByEmail } from "../lib/db/queries/users";
import { createProject, type CreatedProject } from "../lib/projects/create-project";
import { createUser } from "../lib/projects/create-user";

export const DEMO_PROJECT_KEY = "demo";
export const DEMO_ADMIN_EMAIL = "admin@callbridge.local";

export interface DemoSeed {
  projectKey: string;
  email: string;
  /** Set only on the run that created the project: its API token and webhook secret are shown once. */
  created?: CreatedProject;
}

export async function seedDemo(password: string): Promise<DemoSeed> {
  let created: CreatedProject | undefined;
  if (!(await findProjectByKey(DEMO_PROJECT_KEY))) {
    created = await createProject({ name: "Demo project", timezone: "Europe/Kyiv", defaultCountry: "UA" }, { actor: "seed", key: DEMO_PROJECT_KEY });
  }
  if (!(await findUserByEmail(DEMO_ADMIN_EMAIL))) {
    await createUser({ email: DEMO_ADMIN_EMAIL, password, name: "Demo admin", projectKey: DEMO_PROJECT_KEY, role: "OWNER" }, { actor: "seed" });
  }
  const project = await findProjectByKey(DEMO_PROJECT_KEY);
  if (project && sandboxEnabled() && !(await findIntegrationSummary(project.id))) await connectToPipedriveSandbox(project.id);
  if (project && created) await configureDemo(project);
  return { projectKey: DEMO_PROJECT_KEY, email: DEMO_ADMIN_EMAIL, created };
}

/** The demo people are the project's employees (they own the sandbox's contacts), and routing is on. */
async function configureDemo(project: { id: string; key: string }) {
  const who = { userId: null, actor: "seed" };
  const employees = DEMO_PEOPLE.map((person) => ({ id: person.firstName.toLowerCase(), name: `${person.firstName} ${person.lastName}`, email: person.email, sip: person.firstName.toLowerCase(), crmUserId: "" }));
  await saveConfigSection(project, "employees", employees, who);
  await saveConfigSection(project, "routing", { ...defaultConfig().routing, enabled: true }, who);
  // F3: UTM tags and the client id go to the sandbox's custom fields of contacts and deals. Written
  // without the CRM check: the app (which serves the sandbox) is not up yet; the keys are the sandbox's own.
  if (!sandboxEnabled()) return;
  const utm = { utmSource: customKey("UTM source"), utmMedium: customKey("UTM medium"), utmCampaign: customKey("UTM campaign"), utmTerm: customKey("UTM term"), utmContent: customKey("UTM content"), clientId: customKey("Client ID") };
  const config = await loadConfig(project.id);
  await replaceConfig(project, { ...config, defaultFields: { ...config.defaultFields, contact: utm, deal: utm } }, who);
  configSaved(project.id);
}

/** The demo starts connected to the built-in Pipedrive sandbox (the app is not serving yet, so no HTTP check). */
async function connectToPipedriveSandbox(projectId: string) {
  const { apiBase, apiToken } = await pipedriveSandboxCredentials({ id: projectId, key: DEMO_PROJECT_KEY });
  const owner = DEMO_PEOPLE[0];
  await saveIntegration({
    projectId,
    crm: "pipedrive",
    credentialsEncrypted: sealCredentials({ crm: "pipedrive", auth: "api_token", apiBase, apiToken }, projectId),
    account: { crm: "pipedrive", accountName: "Callbridge Demo Sales", userName: `${owner.firstName} ${owner.lastName}`, userEmail: owner.email, apiBase, concurrency: 15 },
    concurrency: 15,
    audit: { userId: null, actor: "seed", target: DEMO_PROJECT_KEY },
  });
  // The demo is ready to take events at once; a real project is activated by its admin after configuring.
  await setIntegrationStatus(projectId, "active", { userId: null, actor: "seed", target: DEMO_PROJECT_KEY, action: "integration.activate", details: { replay: false } });
}
