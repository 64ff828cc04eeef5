// A CRM URL as a metric label and span attribute: the path with ids, numbers and anything personal
// replaced, and never the query (Zoho and Pipedrive searches carry the phone or e-mail there).
const VARIABLE = /^(\d+|[0-9a-f]{8,}|[0-9a-f-]{20,}|.*[@+%].*|.{33,})$/i;

export function routeTemplate(url: URL | string): string {
  const path = (typeof url === "string" ? new URL(url) : url).pathname;
  return path
    .split("/")
    .map((segment) => (segment && VARIABLE.test(segment) ? "{id}" : segment))
    .join("/");
}

/** The CRM of a connector's account key ("zoho:…", "pipedrive:…"). */
// Account keys are built by the connectors as "<crm kind>:<account>", so the label set stays the CRM kinds.
export const crmOfAccount = (accountKey: string) => /^([a-z]+):/.exec(accountKey)?.[1] ?? "other";
