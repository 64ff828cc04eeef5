// The sandbox CRMs' record pages: the web addresses a caller card links to (Zoho
// /crm/<org>/tab/<Module>/<id>, Pipedrive /web/<company>/person/<id>) lead to the record in the sandbox
// viewer of the project the account belongs to, where the viewer's own sign-in and role checks apply.
import { findSandboxAccountProject, findZohoAccountOfOrg } from "@/lib/db/queries/sandbox";
import { DEFAULT_ACCOUNT, type SandboxCrm } from "./accounts";
import { json } from "./http";

const PIPEDRIVE_MODULES: Record<string, string> = { person: "persons", organization: "organizations", deal: "deals", "leads/inbox": "leads" };
const ZOHO_PAGE = /^\/crm\/([\w-]+)\/tab\/(Leads|Contacts|Accounts|Deals|Tasks|Calls)\/([\w-]+)$/;
const PIPEDRIVE_PAGE = /^\/web\/([\w-]+)\/(person|organization|deal|leads\/inbox)\/([\w-]+)$/;

export const isRecordPage = (crm: SandboxCrm, path: string) => (crm === "zoho" ? ZOHO_PAGE : PIPEDRIVE_PAGE).test(path);

/** A sandbox account's name from its Pipedrive company domain (see accounts.ts: "sandbox-<name>"). */
const accountOfCompany = (company: string) => (company === "callbridge-demo" ? DEFAULT_ACCOUNT : company.replace(/^sandbox-/, ""));

export async function recordPage(crm: SandboxCrm, path: string): Promise<Response> {
  const [, owner, kind, id] = (crm === "zoho" ? ZOHO_PAGE : PIPEDRIVE_PAGE).exec(path) ?? [];
  const account = crm === "zoho" ? await findZohoAccountOfOrg(owner!) : await findSandboxAccountProject("pipedrive", accountOfCompany(owner!));
  if (!account?.project) return json({ error: "This sandbox record page belongs to no project's sandbox account." }, 404);
  const viewerModule = crm === "zoho" ? kind! : PIPEDRIVE_MODULES[kind!]!;
  // A path, not an address: the redirect stays on the origin the browser asked, whatever Host it sent.
  const viewer = `/${account.project.key}/sandbox?crm=${crm}&account=${encodeURIComponent(account.name)}#${viewerModule}-${id}`;
  return new Response(null, { status: 302, headers: { location: viewer } });
}
