import { describe, expect, it } from "vitest";
import { hashToken } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { makeProject } from "@/testing/factories";
import { requireApiToken } from "./api-token";

const request = (authorization?: string) => new Request("http://localhost/api/v1/x", { headers: authorization ? { authorization } : {} });

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("requireApiToken", () => {
  it("accepts the project's token and records its use", async () => {
    const project = await makeProject();
    const access = await requireApiToken(request(`Bearer ${project.apiToken}`), project.projectKey, "ADMIN");
    expect(access).toMatchObject({ projectKey: project.projectKey, role: "ADMIN", actor: "api-token:default" });
    const row = await db().apiToken.findUniqueOrThrow({ where: { id: access.tokenId } });
    expect(row.lastUsedAt).not.toBeNull();
    // Only the hash is stored.
    expect(row.tokenHash).toBe(hashToken(project.apiToken));
    expect(JSON.stringify(row)).not.toContain(project.apiToken);
  });

  it("answers 401 without a token, with a malformed header, or with an unknown token", async () => {
    const project = await makeProject();
    for (const header of [undefined, "Basic abc", "Bearer", `Bearer ${project.apiToken}x`]) {
      const error = await failure(requireApiToken(request(header), project.projectKey, "VIEWER"));
      expect([error.code, error.status]).toEqual(["UNAUTHENTICATED", 401]);
    }
  });

  it("answers 403 to another project's token", async () => {
    const [mine, theirs] = await Promise.all([makeProject(), makeProject()]);
    const error = await failure(requireApiToken(request(`Bearer ${theirs.apiToken}`), mine.projectKey, "VIEWER"));
    expect([error.code, error.status]).toEqual(["FORBIDDEN", 403]);
  });

  it("answers 403 when the token's role is too low", async () => {
    const project = await makeProject();
    await db().apiToken.updateMany({ where: { tokenHash: hashToken(project.apiToken) }, data: { role: "VIEWER" } });
    await expect(requireApiToken(request(`Bearer ${project.apiToken}`), project.projectKey, "VIEWER")).resolves.toMatchObject({ role: "VIEWER" });
    const error = await failure(requireApiToken(request(`Bearer ${project.apiToken}`), project.projectKey, "ADMIN"));
    expect(error.code).toBe("FORBIDDEN");
  });

  it("refuses a revoked token", async () => {
    const project = await makeProject();
    await db().apiToken.updateMany({ where: { tokenHash: hashToken(project.apiToken) }, data: { revokedAt: new Date() } });
    const error = await failure(requireApiToken(request(`Bearer ${project.apiToken}`), project.projectKey, "VIEWER"));
    expect(error.code).toBe("UNAUTHENTICATED");
  });
});
