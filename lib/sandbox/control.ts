// GET|POST /sandbox/{crm}/_control: the sandbox account's credentials, and fault injection / reset.
// Unauthenticated on purpose (it is how a new user and the tests obtain sandbox credentials); the
// sandboxes are off in production unless SANDBOX_CRM=on.
import { z } from "zod";
import { resetSandboxAccountData, rotateSandboxCredentials, updateSandboxFaults } from "@/lib/db/queries/sandbox";
import type { Prisma, SandboxAccount } from "@/lib/generated/prisma/client";
import { DEFAULT_ACCOUNT, ensureSandboxAccount, isAccountName, type PipedriveSandboxCredentials, type SandboxCrm, type ZohoSandboxCredentials } from "./accounts";
import type { SandboxRequest } from "./context";
import { faultsSchema, readFaults } from "./faults";
import { json, randomHex, readJson } from "./http";
import { pipedriveSeed } from "./pipedrive/seed";
import { resetRateLimits } from "./pipedrive/rate-limit";
import { zohoSeed } from "./zoho/seed";

export const controlSchema = faultsSchema.extend({
  /** Revoke every token (as when the CRM user changes password); new credentials are issued. */
  revokeTokens: z.boolean().optional(),
  /** Data back to the seed, faults cleared. */
  reset: z.boolean().optional(),
});
export type ControlInput = z.infer<typeof controlSchema>;

export function describeAccount(crm: SandboxCrm, account: SandboxAccount, base: string) {
  const faults = readFaults(account.faults);
  if (crm === "zoho") {
    const credentials = account.credentials as unknown as ZohoSandboxCredentials;
    return {
      crm,
      account: account.name,
      credentials: {
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        refreshToken: credentials.refreshToken,
        accountsUrl: `${base}/accounts`,
        apiDomain: base,
      },
      faults,
    };
  }
  const credentials = account.credentials as unknown as PipedriveSandboxCredentials;
  return {
    crm,
    account: account.name,
    credentials: {
      apiToken: credentials.apiToken,
      baseUrl: base,
      companyDomain: credentials.companyDomain,
      oauth: { clientId: credentials.clientId, clientSecret: credentials.clientSecret, refreshToken: credentials.refreshToken, oauthBase: base },
    },
    faults,
  };
}

async function rotate(crm: SandboxCrm, account: SandboxAccount) {
  if (crm === "zoho") {
    const credentials = { ...(account.credentials as unknown as ZohoSandboxCredentials), refreshToken: `1000.${randomHex(16)}.${randomHex(16)}` };
    await rotateSandboxCredentials(account.id, ["access", "refresh", "code"], credentials as unknown as Prisma.InputJsonValue, [{ token: credentials.refreshToken, kind: "refresh" }]);
  } else {
    const credentials = { ...(account.credentials as unknown as PipedriveSandboxCredentials), apiToken: randomHex(20), refreshToken: `${randomHex(4)}:${randomHex(4)}:${randomHex(20)}` };
    await rotateSandboxCredentials(account.id, ["api", "access", "refresh"], credentials as unknown as Prisma.InputJsonValue, [
      { token: credentials.apiToken, kind: "api" },
      { token: credentials.refreshToken, kind: "refresh" },
    ]);
  }
}

export async function control(crm: SandboxCrm, { request, url, base }: SandboxRequest): Promise<Response> {
  const name = url.searchParams.get("account") ?? DEFAULT_ACCOUNT;
  if (!isAccountName(name)) return json({ error: { code: "VALIDATION", message: "account must be 1-63 letters, digits, - or _" } }, 400);
  let account = await ensureSandboxAccount(crm, name);
  if (request.method === "POST") {
    const parsed = controlSchema.safeParse(await readJson(request));
    if (!parsed.success) {
      return json({ error: { code: "VALIDATION", message: "Invalid control request", issues: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) } }, 400);
    }
    // Only the faults this request names change.
    const { revokeTokens, reset, ...faults } = parsed.data;
    if (reset) {
      const seed = crm === "zoho" ? zohoSeed() : pipedriveSeed();
      await resetSandboxAccountData(account.id, seed.records as Array<{ module: string; id: string; data: Prisma.InputJsonValue }>, seed.nextId);
      resetRateLimits();
    }
    if (revokeTokens) await rotate(crm, account);
    if (Object.keys(faults).length) {
      const current = reset ? readFaults({}) : readFaults(account.faults);
      await updateSandboxFaults(account.id, { ...current, ...faults });
    }
    account = await ensureSandboxAccount(crm, name);
  } else if (request.method !== "GET") {
    return json({ error: { code: "BAD_REQUEST", message: "Use GET or POST" } }, 405);
  }
  return json(describeAccount(crm, account, base));
}
