// After a write whose answer was lost: the task or call log an earlier attempt created, found by the
// `Callbridge event <id>` reference in its note (these records have no natural key to search by).
//
// Call logs: GET /v1/callLogs lists only the authorised user's logs, at most 50 a page
// (https://developers.pipedrive.com/docs/api/v1/CallLogs#getUserCallLogs), while Callbridge files each log
// under the employee's user. But "call logs are also considered activities": every log is an activity of
// type "call" of its person / deal / lead, with the log's subject and note, and GET /api/v2/activities
// (https://developers.pipedrive.com/docs/api/v2/Activities#getActivities) lists the activities of a
// person, deal or lead of every user, newest first, 500 a page with a cursor. So:
// 1. the record's activities are paged through for the reference: none means nothing was written;
// 2. a log the token's own user holds is then found on that user's call-log pages (its activity_id), for
//    its real id, which the recording upload needs;
// 3. a log another user holds cannot be listed with this token: its activity is the handle
//    (`activity:<id>`), and a recording goes to that activity as a file (see attachRecording).
// Without any link, only the token's own call-log pages can be searched.
import type { z } from "zod";
import type { HttpRequest, HttpResponse } from "../http-client";
import type { EntityLinks } from "../types";
import { parseResponse } from "../validate";
import { notedPageSchema } from "./schemas";

type Send = (request: Omit<HttpRequest, "url"> & { path: string }, what: string) => Promise<HttpResponse>;
type Noted = NonNullable<z.output<typeof notedPageSchema>["data"]>[number];

/** The prefix of a call log handle that is its activity (a log of another user, see above). */
export const ACTIVITY_HANDLE = "activity:";
const ACTIVITIES_PAGE = 500;
const CALL_LOGS_PAGE = 50;

const written = (record: Noted, subject: string, reference: string) => record.subject === subject && (record.note ?? "").includes(reference);

/** The activities of the record the write was linked to (person, deal or lead), newest first, every page. */
async function findActivity(send: Send, links: EntityLinks, match: (record: Noted) => boolean): Promise<Noted | null> {
  const filter = links.dealId ? { deal_id: links.dealId } : links.leadId ? { lead_id: links.leadId } : links.contactId ? { person_id: links.contactId } : links.organizationId ? { org_id: links.organizationId } : null;
  if (!filter) return null;
  let cursor: string | undefined;
  do {
    const response = await send({ method: "GET", path: "/api/v2/activities", query: { ...filter, sort_by: "add_time", sort_direction: "desc", limit: ACTIVITIES_PAGE, cursor } }, "List activities");
    const page = parseResponse(notedPageSchema, response.body, "List activities");
    const found = (page.data ?? []).find(match);
    if (found) return found;
    cursor = page.additional_data?.next_cursor ?? undefined;
  } while (cursor);
  return null;
}

/** The token's own call logs, newest first, page by page until one matches. */
async function findOwnCallLog(send: Send, match: (record: Noted) => boolean): Promise<Noted | null> {
  for (let start = 0; ; start += CALL_LOGS_PAGE) {
    const response = await send({ method: "GET", path: "/api/v1/callLogs", query: { start, limit: CALL_LOGS_PAGE } }, "List call logs");
    const page = parseResponse(notedPageSchema, response.body, "List call logs");
    const found = (page.data ?? []).find(match);
    if (found) return found;
    if (!page.additional_data?.pagination?.more_items_in_collection || !page.data?.length) return null;
  }
}

export async function findWrittenTask(send: Send, written_: { subject: string; reference: string; links: EntityLinks }): Promise<{ id: string } | null> {
  const found = await findActivity(send, written_.links, (record) => written(record, written_.subject, written_.reference));
  return found ? { id: found.id } : null;
}

export async function findWrittenCallLog(send: Send, tokenUserId: () => Promise<string>, target: { subject: string; reference: string; links: EntityLinks }): Promise<{ id: string } | null> {
  const hasLinks = Object.values(target.links).some(Boolean);
  if (!hasLinks) {
    const own = await findOwnCallLog(send, (record) => written(record, target.subject, target.reference));
    return own ? { id: own.id } : null;
  }
  const activity = await findActivity(send, target.links, (record) => record.type === "call" && written(record, target.subject, target.reference));
  if (!activity) return null;
  if (activity.owner_id === (await tokenUserId())) {
    const own = await findOwnCallLog(send, (record) => record.activity_id === activity.id || written(record, target.subject, target.reference));
    if (own) return { id: own.id };
  }
  return { id: `${ACTIVITY_HANDLE}${activity.id}` };
}
