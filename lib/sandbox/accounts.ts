// Sandbox accounts, each created with its seed the first time it is asked for: one per project and CRM
// in the app (only that project's admins see and control it), and any number of named ones on the
// standalone sandbox server (isolated test tenants; "default" when none is named).
import type { CrmKind } from "@/lib/connectors/types";
import { createSandboxAccount, findFirstProjectSandboxAccount, findSandboxAccount } from "@/lib/db/queries/sandbox";
import { randomHex } from "./http";
import { pipedriveSeed } from "./pipedrive/seed";
import { zohoSeed } from "./zoho/seed";

/** The CRM kinds the built-in sandbox imitates (a CRM kind need not have one). */
export const SANDBOX_CRMS = ["pipedrive", "zoho"] as const satisfies readonly CrmKind[];
export type SandboxCrm = (typeof SANDBOX_CRMS)[number];
export const isSandboxCrm = (value: string | undefined): value is SandboxCrm => (SANDBOX_CRMS as readonly (string | undefined)[]).includes(value);
export const DEFAULT_ACCOUNT = "default";

export interface ZohoSandboxCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}
export interface PipedriveSandboxCredentials {
  apiToken: string;
  companyDomain: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export function isAccountName(value: string): boolean {
  return /^[a-z0-9][a-z0-9_-]{0,62}$/i.test(value);
}

/** The project's own sandbox account of this CRM: its first one, or a new one named after it. */
export async function projectSandboxAccount(crm: SandboxCrm, project: { id: string; key: string }) {
  return (await findFirstProjectSandboxAccount(crm, project.id)) ?? ensureSandboxAccount(crm, `project-${project.key}`.slice(0, 63), project.id);
}

export async function ensureSandboxAccount(crm: SandboxCrm, name: string, projectId: string | null = null) {
  const existing = await findSandboxAccount(crm, name);
  if (existing) return existing;
  if (crm === "zoho") {
    const credentials: ZohoSandboxCredentials = {
      clientId: `1000.${randomHex(15).toUpperCase()}`,
      clientSecret: randomHex(21),
      refreshToken: `1000.${randomHex(16)}.${randomHex(16)}`,
    };
    const seed = zohoSeed();
    return createSandboxAccount({
      crm,
      name,
      projectId,
      credentials: credentials,
      tokens: [
        { token: credentials.clientId, kind: "client" },
        { token: credentials.refreshToken, kind: "refresh" },
      ],
      records: seed.records,
      nextId: seed.nextId,
    });
  }
  const credentials: PipedriveSandboxCredentials = {
    apiToken: randomHex(20),
    companyDomain: name === DEFAULT_ACCOUNT ? "callbridge-demo" : `sandbox-${name}`.toLowerCase(),
    clientId: randomHex(8),
    clientSecret: randomHex(20),
    refreshToken: `${randomHex(4)}:${randomHex(4)}:${randomHex(20)}`,
  };
  const seed = pipedriveSeed();
  return createSandboxAccount({
    crm,
    name,
    projectId,
    credentials: credentials,
    tokens: [
      { token: credentials.apiToken, kind: "api" },
      { token: credentials.clientId, kind: "client" },
      { token: credentials.refreshToken, kind: "refresh" },
    ],
    records: seed.records,
    nextId: seed.nextId,
  });
}
