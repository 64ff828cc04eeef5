// Where a Pipedrive record opens in the browser: the company's own address (https://acme.pipedrive.com/
// person/42), from the API base of an API-token connection or the company domain users/me names. A sandbox
// account is one company among many on our own origin: its pages are /sandbox/pipedrive/web/<company>/…,
// sent on to the project's sandbox viewer (lib/sandbox/web-pages.ts).
import type { FieldEntity } from "../types";

const PATHS: Partial<Record<FieldEntity, string>> = { contact: "person", organization: "organization", deal: "deal", lead: "leads/inbox" };

/** Null when the address names no company (api.pipedrive.com, a sandbox without its company) or the record has no page. */
export function pipedriveRecordUrl(apiBase: string, entity: FieldEntity, id: string, company?: string): string | null {
  const path = PATHS[entity];
  if (!path) return null;
  const url = new URL(apiBase);
  const base = url.pathname.replace(/\/+$/, "");
  if (base.endsWith("/sandbox/pipedrive")) return company ? `${url.origin}${base}/web/${encodeURIComponent(company)}/${path}/${encodeURIComponent(id)}` : null;
  const origin = company ? `https://${company}.pipedrive.com` : url.origin;
  if (!/^https:\/\/[a-z0-9-]+\.pipedrive\.com$/.test(origin) || origin === "https://api.pipedrive.com") return null;
  return `${origin}/${path}/${encodeURIComponent(id)}`;
}
