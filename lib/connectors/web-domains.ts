// The part of a CRM account's web addresses its API calls do not give: Pipedrive's company domain (users/me
// `company_domain`), Zoho's org domain name (GET /crm/v8/org `domain_name`). Learned per connection when it
// is tested, kept for the process.
import { processShared } from "@/lib/cache/process-shared";

export const webDomains = processShared("crm-web-domains", () => new Map<string, string>());
