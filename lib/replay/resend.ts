// "Send again" from the Events page (F12/F15): a stop-listed call goes to the CRM only when the admin says
// so explicitly, knowing it is stop-listed (F9); otherwise the answer names the stop-list entry.
import { loadConfig } from "@/lib/config/service";
import { findEvent } from "@/lib/db/queries/events";
import { requeueEvent } from "@/lib/db/queries/replay";
import { stopListed, stopListReason } from "@/lib/stop-list/match";
import { AppError } from "@/lib/errors";
import { payloadOf } from "@/lib/db/json";

type Project = { id: string; key: string; defaultCountry: string };
type Who = { userId: string | null; actor: string };

export type ResendOutcome = { queued: true } | { queued: false; stopListed: string };

export async function resendEvent(project: Project, eventId: string, options: { despiteStopList: boolean }, who: Who): Promise<ResendOutcome> {
  const event = await findEvent(project.id, eventId);
  if (!event) throw new AppError("NOT_FOUND", "error.noEvent");
  const payload = payloadOf(event.payload);
  const entry = payload.type === "call" ? stopListed(payload.line, (await loadConfig(project.id)).stopList, project.defaultCountry) : null;
  if (entry && !options.despiteStopList) return { queued: false, stopListed: stopListReason(entry) };
  const despiteStopList = entry ? { reason: stopListReason(entry), ...who, target: event.externalId } : undefined;
  if (!(await requeueEvent(project.id, eventId, { despiteStopList }))) throw new AppError("CONFLICT", "error.resend.notResendable");
  return { queued: true };
}
