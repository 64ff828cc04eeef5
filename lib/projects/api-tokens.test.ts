// API tokens through the config API's real route handlers: create (shown once), scope, rotate, revoke.
import { describe, expect, it } from "vitest";
import { GET as listTokens, POST as createToken } from "@/app/api/v1/projects/[projectKey]/api-tokens/route";
import { DELETE as revokeToken } from "@/app/api/v1/projects/[projectKey]/api-tokens/[tokenId]/route";
import { POST as rotateToken } from "@/app/api/v1/projects/[projectKey]/api-tokens/[tokenId]/rotate/route";
import { GET as getIntegration, PUT as putIntegration } from "@/app/api/v1/projects/[projectKey]/integration/route";
import { db } from "@/lib/db/client";
import { makeProject } from "@/testing/factories";

type Handler = (request: Request, context: { params: Promise<Record<string, string> & { projectKey: string }> }) => Promise<Response>;

const call = (handler: Handler, key: string, token: string, options: { method?: string; body?: unknown; tokenId?: string } = {}) =>
  handler(
    new Request(`http://localhost/api/v1/projects/${key}/api-tokens`, {
      method: options.method ?? "GET",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    }),
    { params: Promise.resolve({ projectKey: key, ...(options.tokenId ? { tokenId: options.tokenId } : {}) }) },
  );

describe("API tokens", () => {
  it("an ADMIN creates a VIEWER token that reads but cannot change, and whose secret is never listed", async () => {
    const project = await makeProject("Tokens");
    const created = await call(createToken, project.projectKey, project.apiToken, { method: "POST", body: { name: "BI export", role: "VIEWER" } });
    expect(created.status).toBe(201);
    const { token, summary } = await created.json();
    expect(token).toMatch(/^cbt_/);
    expect(summary).toMatchObject({ name: "BI export", role: "VIEWER", prefix: token.slice(0, 8), revokedAt: null });
    expect((await call(getIntegration, project.projectKey, token)).status).toBe(200);
    expect((await call(putIntegration, project.projectKey, token, { method: "PUT", body: { config: {} } })).status).toBe(403);
    expect((await call(listTokens, project.projectKey, token)).status).toBe(403);
    const listed = JSON.stringify(await (await call(listTokens, project.projectKey, project.apiToken)).json());
    expect(listed).toContain("BI export");
    expect(listed).not.toContain(token);
    const stored = await db().apiToken.findFirstOrThrow({ where: { id: summary.id } });
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it("rotation gives a new token of the same name and role and stops the old one at once; revocation stops it too", async () => {
    const project = await makeProject("Rotation");
    const { token, summary } = await (await call(createToken, project.projectKey, project.apiToken, { method: "POST", body: { name: "CRM sync", role: "ADMIN" } })).json();
    const rotated = await call(rotateToken, project.projectKey, project.apiToken, { method: "POST", tokenId: summary.id });
    expect(rotated.status).toBe(200);
    const next = await rotated.json();
    expect(next.summary).toMatchObject({ name: "CRM sync", role: "ADMIN" });
    expect(next.token).not.toBe(token);
    expect((await call(getIntegration, project.projectKey, token)).status).toBe(401);
    expect((await call(getIntegration, project.projectKey, next.token)).status).toBe(200);
    expect((await call(rotateToken, project.projectKey, project.apiToken, { method: "POST", tokenId: summary.id })).status).toBe(404);

    expect((await call(revokeToken, project.projectKey, project.apiToken, { method: "DELETE", tokenId: next.summary.id })).status).toBe(204);
    expect((await call(getIntegration, project.projectKey, next.token)).status).toBe(401);
    expect((await call(revokeToken, project.projectKey, project.apiToken, { method: "DELETE", tokenId: next.summary.id })).status).toBe(404);
    const actions = (await db().auditEntry.findMany({ where: { project: { key: project.projectKey }, action: { startsWith: "apiToken." } }, orderBy: { createdAt: "asc" } })).map((entry) => entry.action);
    expect(actions).toEqual(["apiToken.create", "apiToken.rotate", "apiToken.revoke"]);
  });

  it("refuses a nameless token or an unknown role naming both, and another project's token id", async () => {
    const project = await makeProject("Token input");
    const other = await makeProject("Token other");
    const bad = await call(createToken, project.projectKey, project.apiToken, { method: "POST", body: { name: " ", role: "ROOT" } });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(["name", "role"]);
    const { summary } = await (await call(createToken, other.projectKey, other.apiToken, { method: "POST", body: { name: "theirs", role: "ADMIN" } })).json();
    expect((await call(revokeToken, project.projectKey, project.apiToken, { method: "DELETE", tokenId: summary.id })).status).toBe(404);
  });
});
