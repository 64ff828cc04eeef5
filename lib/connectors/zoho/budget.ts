// Zoho CRM counts API credits per rolling 24 hours by edition: 5,000 on Free; on paid editions 50,000
// plus a per-licence amount (https://www.zoho.com/crm/developer/docs/api/v8/api-limits.html). Most calls
// cost one credit. Without the licence count the overview shows the guaranteed part.
export function zohoDailyCredits(edition: string | null | undefined): number {
  return (edition ?? "").toLowerCase().replace(/[^a-z]/g, "") === "free" ? 5_000 : 50_000;
}
