// GET|POST /sandbox/{crm}/_control: the sandbox account's credentials, and fault injection / reset.
// In the app it acts only on the accounts of the project whose ADMIN asks (the route checks the API
// token or session first); the standalone sandbox server of the tests and benchmarks is open.
import { z } from "zod";
import { findSandboxAccount, resetSandboxAccountData, rotateSandboxCredentials, updateSandboxFaults } from "@/lib/db/queries/sandbox";
import type { SandboxAccountRow as SandboxAccount } from "@/lib/db/queries/sandbox";
import { DEFAULT_ACCOUNT, ensureSandboxAccount, isAccountName, projectSandboxAccount, type PipedriveSandboxCredentials, type SandboxCrm, type ZohoSandboxCredentials } from "./accounts";
import type { SandboxRequest } from "./context";
import { faultsSchema, readFaults } from "./faults";
import { json, randomHex, readJson } from "./http";
import { pipedriveSeed } from "./pipedrive/seed";
import { resetRateLimits } from "./pipedrive/rate-limit";
import { applyPipedriveControl, describePipedriveCompany, PIPEDRIVE_CONTROL_KEYS, pipedriveControlSchema, type PipedriveControl } from "./pipedrive/control";
import { setZohoCreditsLeft, zohoLimitsState } from "./zoho/limits";
import { zohoSeed } from "./zoho/seed";
import { resetZohoTokenThrottle } from "./zoho/oauth";
import { documentOf } from "@/lib/db/json";

export const controlSchema = faultsSchema.extend({
  // Pipedrive's quota and token states (lib/sandbox/pipedrive/control.ts).
  ...pipedriveControlSchema.shape,
  /** Revoke every token (as when the CRM user changes password); new credentials are issued. */
  revokeTokens: z.boolean().optional(),
  /** Data back to the seed, faults cleared. */
  reset: z.boolean().optional(),
  // ---- Zoho quotas (lib/sandbox/zoho/limits.ts)
  /** API credits left in the rolling 24 hours, as if the rest had just been spent. */
  zohoCreditsLeft: z.number().int().min(0).optional(),
  /** Zoho: the token endpoint's 10-requests-per-10-minutes throttle forgets the requests made so far. */
  resetTokenThrottle: z.boolean().optional(),
});
export type ControlInput = z.infer<typeof controlSchema>;

export async function describeAccount(crm: SandboxCrm, account: SandboxAccount, base: string) {
  const faults = readFaults(account.faults);
  if (crm === "zoho") {
    const credentials = documentOf<ZohoSandboxCredentials>(account.credentials);
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
  const credentials = documentOf<PipedriveSandboxCredentials>(account.credentials);
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
    company: await describePipedriveCompany(account.id),
  };
}

async function rotate(crm: SandboxCrm, account: SandboxAccount) {
  if (crm === "zoho") {
    const credentials = { ...documentOf<ZohoSandboxCredentials>(account.credentials), refreshToken: `1000.${randomHex(16)}.${randomHex(16)}` };
    await rotateSandboxCredentials(account.id, ["access", "refresh", "code"], credentials, [{ token: credentials.refreshToken, kind: "refresh" }]);
  } else {
    const credentials = { ...documentOf<PipedriveSandboxCredentials>(account.credentials), apiToken: randomHex(20), refreshToken: `${randomHex(4)}:${randomHex(4)}:${randomHex(20)}` };
    await rotateSandboxCredentials(account.id, ["api", "access", "refresh"], credentials, [
      { token: credentials.apiToken, kind: "api" },
      { token: credentials.refreshToken, kind: "refresh" },
    ]);
  }
}

/** Whose accounts a control request may see: any (standalone server) or one project's own. */
export type ControlScope = { project: { id: string; key: string } } | "open";

async function controlledAccount(crm: SandboxCrm, name: string | null, scope: ControlScope): Promise<SandboxAccount | null> {
  if (scope === "open") return ensureSandboxAccount(crm, name ?? DEFAULT_ACCOUNT);
  if (!name) return projectSandboxAccount(crm, scope.project);
  const other = await findSandboxAccount(crm, name);
  return other?.projectId === scope.project.id ? other : null;
}

export async function control(crm: SandboxCrm, { request, url, base }: SandboxRequest, scope: ControlScope = "open"): Promise<Response> {
  const name = url.searchParams.get("account");
  if (name !== null && !isAccountName(name)) return json({ error: { code: "VALIDATION", message: "account must be 1-63 letters, digits, - or _" } }, 400);
  let account = await controlledAccount(crm, name, scope);
  // Another project's account looks the same as none.
  if (!account) return json({ error: { code: "NOT_FOUND", message: `No sandbox account ${name} in this project.` } }, 404);
  if (request.method === "POST") {
    const parsed = controlSchema.safeParse(await readJson(request));
    if (!parsed.success) {
      return json({ error: { code: "VALIDATION", message: "Invalid control request", issues: parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message })) } }, 400);
    }
    // Only the faults this request names change.
    const { revokeTokens, reset, zohoCreditsLeft, resetTokenThrottle, ...rest } = parsed.data;
    if (resetTokenThrottle && crm === "zoho") await resetZohoTokenThrottle(account.id);
    const pipedrive = Object.fromEntries(PIPEDRIVE_CONTROL_KEYS.filter((key) => rest[key] !== undefined).map((key) => [key, rest[key]])) as PipedriveControl;
    const faults = Object.fromEntries(Object.entries(rest).filter(([key]) => !(PIPEDRIVE_CONTROL_KEYS as string[]).includes(key)));
    if (crm !== "pipedrive" && Object.keys(pipedrive).length) return json({ error: { code: "VALIDATION", message: `${Object.keys(pipedrive).join(", ")}: Pipedrive settings` } }, 400);
    if (reset) {
      const seed = crm === "zoho" ? zohoSeed() : pipedriveSeed();
      await resetSandboxAccountData(account.id, seed.records, seed.nextId);
      resetRateLimits();
    }
    if (revokeTokens) await rotate(crm, account);
    if (Object.keys(pipedrive).length) {
      const problem = await applyPipedriveControl(account.id, pipedrive);
      if (problem) return json({ error: { code: "VALIDATION", message: problem } }, 400);
    }
    if (Object.keys(faults).length) {
      const current = reset ? readFaults({}) : readFaults(account.faults);
      await updateSandboxFaults(account.id, { ...current, ...faults });
    }
    if (crm === "zoho" && zohoCreditsLeft !== undefined) await setZohoCreditsLeft(account.id, zohoCreditsLeft);
    account = (await findSandboxAccount(crm, account.name))!;
  } else if (request.method !== "GET") {
    return json({ error: { code: "BAD_REQUEST", message: "Use GET or POST" } }, 405);
  }
  return json({ ...(await describeAccount(crm, account, base)), ...(crm === "zoho" ? { zoho: await zohoLimitsState(account.id) } : {}) });
}
