// Where a person opens a Pipedrive record in the browser: https://<company>.pipedrive.com/person/42 and so
// on (the company domain is the API base of an API-token connection, and `company_domain` of users/me).
// A sandbox account is one company among many on our own origin: its pages are /sandbox/pipedrive/web/
// <company>/…, which the sandbox sends on to the project's sandbox viewer.
import { processShared } from "@/lib/cache/process-shared";
import type { EntityKind } from "../types";

const PATHS: Record<EntityKind, string> = { contact: "person", organization: "organization", deal: "deal", lead: "leads/inbox" };

/** The company domain (users/me) per connection, learned when the connection is tested or first used. */
export const companyDomains = processShared("pipedrive-company-domains", () => new Map<string, string>());

export function pipedriveRecordUrl(apiBase: string, company: string | undefined, entity: EntityKind, id: string): string {
  const base = new URL(apiBase);
  const sandbox = base.pathname.replace(/\/+$/, "").endsWith("/sandbox/pipedrive");
  const root = sandbox ? `${base.origin}${base.pathname.replace(/\/+$/, "")}/web/${encodeURIComponent(company ?? "")}` : `https://${company ? `${company}.pipedrive.com` : base.host}`;
  return `${root}/${PATHS[entity]}/${encodeURIComponent(id)}`;
}
