// Authentication of the REST config API (/api/v1/*) with project API tokens: `Authorization: Bearer <token>`.
import { hashToken } from "@/lib/crypto/secrets";
import { findActiveApiToken, touchApiToken } from "@/lib/db/queries/api-tokens";
import { AppError } from "@/lib/errors";
import { hasRole, type Role } from "./roles";

export interface ApiAccess {
  projectId: string;
  projectKey: string;
  projectTimezone: string;
  tokenId: string;
  role: Role;
  actor: string;
}

export async function requireApiToken(request: Request, projectKey: string, required: Role): Promise<ApiAccess> {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match?.[1]) throw new AppError("UNAUTHENTICATED", "Send a project API token as `Authorization: Bearer <token>`.");
  const token = await findActiveApiToken(hashToken(match[1]));
  if (!token) throw new AppError("UNAUTHENTICATED", "The API token is not valid or has been revoked.");
  // A token of another project is told apart from a bad token only as "not for this project".
  if (token.project.key !== projectKey) throw new AppError("FORBIDDEN", "This API token belongs to another project.");
  if (!hasRole(token.role, required)) throw new AppError("FORBIDDEN", `This API token has the ${token.role} role; this call needs ${required}.`);
  await touchApiToken(token.id);
  return { projectId: token.project.id, projectKey: token.project.key, projectTimezone: token.project.timezone, tokenId: token.id, role: token.role, actor: `api-token:${token.name}` };
}
