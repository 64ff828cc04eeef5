// API tokens of a project (config API, CLI, Project settings): created with a name and a role (VIEWER
// reads, ADMIN changes), rotated (a new token, the old one revoked at once) and revoked. Only a hash is
// stored; the token itself is shown once, in the answer that creates it.
import { hashToken, randomToken } from "@/lib/crypto/secrets";
import { findLiveApiToken, insertApiToken, listApiTokens, revokeApiTokenRow } from "@/lib/db/queries/api-tokens";
import { AppError, issuesFromZod } from "@/lib/errors";
import { apiTokenSchema } from "@/lib/validation/api-token";

type Project = { id: string; key: string };
type Who = { userId: string | null; actor: string };

export type ApiTokenSummary = Awaited<ReturnType<typeof listApiTokens>>[number];

const newSecret = () => {
  const token = randomToken("cbt");
  return { token, tokenHash: hashToken(token), prefix: token.slice(0, 8) };
};

export const apiTokensOf = (project: Project) => listApiTokens(project.id);

export async function createApiToken(project: Project, raw: unknown, who: Who): Promise<{ token: string; summary: ApiTokenSummary }> {
  const parsed = apiTokenSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("VALIDATION", "error.token.invalid", issuesFromZod(parsed.error.issues));
  const { token, ...stored } = newSecret();
  const summary = (await insertApiToken(project.id, { ...parsed.data, ...stored }, { ...who, projectKey: project.key }))!;
  return { token, summary };
}

/** A new token with the same name and role; the old one stops working at once. */
export async function rotateApiToken(project: Project, id: string, who: Who): Promise<{ token: string; summary: ApiTokenSummary }> {
  const current = await findLiveApiToken(project.id, id);
  if (!current) throw new AppError("NOT_FOUND", "error.token.notFound");
  const { token, ...stored } = newSecret();
  const summary = await insertApiToken(project.id, { name: current.name, role: current.role === "VIEWER" ? "VIEWER" : "ADMIN", ...stored }, { ...who, projectKey: project.key }, id);
  if (!summary) throw new AppError("NOT_FOUND", "error.token.notFound");
  return { token, summary };
}

export async function revokeApiToken(project: Project, id: string, who: Who): Promise<void> {
  if (!(await revokeApiTokenRow(project.id, id, { ...who, projectKey: project.key }))) throw new AppError("NOT_FOUND", "error.token.notFound");
}
