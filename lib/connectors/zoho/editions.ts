// Zoho CRM allows this many simultaneous API calls per organization (and connected app), by edition:
// https://www.zoho.com/crm/developer/docs/api/v8/api-limits.html ("Concurrency"). The connector keeps
// below it, so deliveries run as wide as the customer's edition allows and never draw a 429.
const CONCURRENCY: Record<string, number> = {
  free: 5,
  standard: 10,
  starter: 10,
  professional: 15,
  enterprise: 20,
  zohoone: 20,
  ultimate: 25,
  crmplus: 25,
};

/** The limit for an edition as Zoho names it in the org's `license_details.paid_type`; 10 when unknown. */
export function zohoConcurrency(edition: string | null | undefined): number {
  return CONCURRENCY[(edition ?? "").toLowerCase().replace(/[^a-z]/g, "")] ?? 10;
}
