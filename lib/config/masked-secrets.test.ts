// A masked Zoho secret in a config-API PUT is kept only while the accounts server, API domain, data
// centre and client stay the same: the stored secret never goes to another host.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { connectWithCredentials } from "@/lib/integrations/connect";
import { makeProject } from "@/testing/factories";
import { openSandbox, zohoCredentials, type SandboxHandle } from "@/testing/sandbox";
import { SECRET_MASK } from "@/lib/validation/connection";
import { getIntegrationDocument, putIntegrationDocument } from "./document";

let sandbox: SandboxHandle;
let project: { id: string; key: string };
const received: string[] = [];
const elsewhere = createServer((request, response) => {
  received.push(`${request.method} ${request.url}`);
  response.end("{}");
});

beforeAll(async () => {
  sandbox = await openSandbox("zoho", "masked-zoho");
  const created = await makeProject("Masked Zoho");
  project = await db().project.findUniqueOrThrow({ where: { key: created.projectKey }, select: { id: true, key: true } });
  await connectWithCredentials(project, await zohoCredentials(sandbox), { userId: null, actor: "test" });
  await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  elsewhere.close();
  await sandbox.server.close();
});

describe("masked Zoho secrets", () => {
  it("are refused, naming each secret, when the accounts server moves; nothing reaches the new host", async () => {
    const document = await getIntegrationDocument(project.id);
    expect(document.connection).toMatchObject({ crm: "zoho", clientSecret: SECRET_MASK, refreshToken: SECRET_MASK });
    const other = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
    const moved = { ...document, connection: { ...document.connection, accountsUrl: `${other}/accounts`, apiDomain: other } };
    const error = await putIntegrationDocument(project, moved, { userId: null, actor: "test" }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "UNPROCESSABLE",
      issues: expect.arrayContaining([
        { path: "connection.clientSecret", message: expect.stringMatching(/again.*accountsUrl, apiDomain/) },
      ]),
    });
    expect(received).toEqual([]);
    expect(await getIntegrationDocument(project.id)).toEqual(document);
  });
});
