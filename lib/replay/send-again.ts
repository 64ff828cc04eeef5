// Which events "Send again" applies to (the Events page's buttons and the requeue query agree on it): what
// did not reach the CRM — failed, skipped, given up on — and a queued event parked while the integration
// was off or broken (it has no attempt scheduled, so nothing else would send it once the integration works).
import { SEND_AGAIN_STATUSES } from "@/lib/db/queries/replay";

export interface SendAgainCandidate {
  type: string;
  status: string;
  nextAttemptAt: Date | null;
}

/** A queued event nothing will pick up by itself: parked by the worker with no attempt scheduled. */
export const isParked = (event: SendAgainCandidate) => event.status === "queued" && event.nextAttemptAt === null;

/** Whether "Send again" is offered for this event while the integration has `integrationStatus`. */
export function canSendAgain(event: SendAgainCandidate, integrationStatus: string | null): boolean {
  // A lookup was answered while the call rang; there is nothing to send again.
  if (event.type === "lookup") return false;
  if ((SEND_AGAIN_STATUSES as readonly string[]).includes(event.status)) return true;
  // Sent again while the integration is still off, it would only be parked again.
  return isParked(event) && integrationStatus === "active";
}
