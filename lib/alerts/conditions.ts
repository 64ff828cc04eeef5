// When an integration needs its admins (pure): the CRM refused our credentials (broken), the CRM
// account's quota ran out and deliveries wait for its reset (quota), or too many events failed in the
// last hour. Each kind is one incident: opened once, closed once.

export const ALERT_KINDS = ["broken", "quota", "failures"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** At least this many failed or dead events in the last hour, and at least this share of those settled. */
export const FAILURE_THRESHOLD = { count: 5, share: 0.2 } as const;

export interface AlertFacts {
  status: "active" | "inactive" | "broken" | null;
  lastError: string | null;
  lastHour: { failed: number; settled: number };
  /** A quota pause still in force: until when, and the quota with the CRM's words. */
  pause?: { until: Date; reason: string } | null;
}

export function wantedAlerts(facts: AlertFacts): Partial<Record<AlertKind, string>> {
  const wanted: Partial<Record<AlertKind, string>> = {};
  if (facts.status === "broken") wanted.broken = facts.lastError ?? "The CRM refused the stored credentials.";
  if (facts.status === "active" && facts.pause) wanted.quota = `Paused until ${facts.pause.until.toISOString()} (${facts.pause.reason}).`;
  const { failed, settled } = facts.lastHour;
  if (facts.status !== "broken" && failed >= FAILURE_THRESHOLD.count && failed >= FAILURE_THRESHOLD.share * settled) {
    wanted.failures = `${failed} of ${settled} events failed in the last hour.`;
  }
  return wanted;
}

/** The kinds whose incident should open or close, given the kinds open now. */
export function alertsToChange(facts: AlertFacts, open: readonly string[]): AlertKind[] {
  const wanted = wantedAlerts(facts);
  return ALERT_KINDS.filter((kind) => (wanted[kind] !== undefined) !== open.includes(kind));
}
