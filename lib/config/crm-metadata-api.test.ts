// GET …/integration/crm-metadata: the connected CRM's ids for the configuration document, read live.
import { afterAll, beforeAll, expect, it } from "vitest";
import { GET } from "@/app/api/v1/projects/[projectKey]/integration/crm-metadata/route";
import { db } from "@/lib/db/client";
import { connectWithCredentials } from "@/lib/integrations/connect";
import { customKey } from "@/lib/sandbox/pipedrive/seed";
import { makeProject } from "@/testing/factories";
import { openSandbox, pipedriveCredentials, type SandboxHandle } from "@/testing/sandbox";

let sandbox: SandboxHandle;

const get = (key: string, token?: string) =>
  GET(new Request(`http://localhost/api/v1/projects/${key}/integration/crm-metadata`, { headers: token ? { authorization: `Bearer ${token}` } : {} }), { params: Promise.resolve({ projectKey: key }) });

beforeAll(async () => {
  sandbox = await openSandbox("pipedrive", "crm-metadata");
});
afterAll(() => sandbox.server.close());

it("answers fields (mappable ones flagged), pipelines with stages and users; 409 before a CRM is connected; 401 without a token", async () => {
  const project = await makeProject("CRM metadata");
  expect((await get(project.projectKey)).status).toBe(401);
  const before = await get(project.projectKey, project.apiToken);
  expect([before.status, (await before.json()).error.message]).toEqual([409, "This project is not connected to a CRM yet: PUT a connection first."]);

  const row = await db().project.findUniqueOrThrow({ where: { key: project.projectKey } });
  const credentials = (await pipedriveCredentials(sandbox)) as { apiBase: string; apiToken: string };
  await connectWithCredentials(row, { crm: "pipedrive", auth: "api_token", apiBase: credentials.apiBase, apiToken: credentials.apiToken }, { userId: null, actor: "test" });
  const answer = await get(project.projectKey, project.apiToken);
  expect(answer.status).toBe(200);
  const metadata = await answer.json();
  expect(metadata.crm).toBe("pipedrive");
  expect(metadata.fields.contact).toContainEqual({ key: customKey("Client ID"), label: "Client ID", type: "varchar", custom: true, mappable: true, maxLength: 255 });
  expect(metadata.fields.contact).toContainEqual(expect.objectContaining({ key: "name", mappable: false }));
  expect(metadata.fields.deal.filter((field: { mappable: boolean }) => field.mappable).map((field: { label: string }) => field.label)).toContain("Call pool");
  expect(metadata.pipelines.map((pipeline: { name: string }) => pipeline.name)).toEqual(["Sales", "Partnerships"]);
  expect(metadata.pipelines[0].stages[0]).toEqual({ id: expect.any(String), name: "Lead in", order: 1, state: "open" });
  expect(metadata.users.map((user: { email: string }) => user.email)).toContain("olena.koval@callbridge.local");

  await sandbox.control({ revokeTokens: true });
  const refused = await get(project.projectKey, project.apiToken);
  expect([refused.status, (await refused.json()).error.message]).toEqual([503, expect.stringMatching(/^Could not read the CRM: .*refused the API token/)]);
});
