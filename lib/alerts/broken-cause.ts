// Why an integration is broken, in words the admin can act on: the stored reason (lastError) is the CRM's
// or this server's own text in English, kept for support; what the admin reads first is one of these.
const HOST_REFUSAL = /\bmust be\b|not a Zoho data centre|do not send|does not send|not allowed to send|EGRESS_ALLOW/i;

export type BrokenCause = "host" | "refused";

/** "host": the stored connection names an address its secrets are not sent to; "refused": the CRM refused them. */
export const brokenCause = (lastError: string | null): BrokenCause => (lastError && HOST_REFUSAL.test(lastError) ? "host" : "refused");
