// A call's summary in Pipedrive (F19): call logs cannot be edited after they are added (the v1 CallLogs API
// has add, get, delete and the recording upload only), so the summary is a note linked to the call's deal
// and person, as Pipedrive's own call-analysis apps leave it: https://developers.pipedrive.com/docs/api/v1/Notes
// Note content is HTML: the text is escaped and its lines become <br>.
import type { HttpRequest, HttpResponse } from "../http-client";
import type { CallNoteInput, EntityLinks } from "../types";
import { parseResponse } from "../validate";
import { createdSchema, noteListSchema } from "./schemas";

type Send = (request: Omit<HttpRequest, "url"> & { path: string }, what: string) => Promise<HttpResponse>;

/**
 * Pipedrive documents no length limit for a note's content; a summary with its transcript is kept to this
 * many characters of text so that the note stays readable in the deal's timeline.
 */
export const NOTE_ROOM = 50_000;
const NOTES_PAGE = 500;

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
export const noteHtml = (text: string) => escapeHtml(text).replace(/\r?\n/g, "<br>");

/** The links a note takes: the deal (or lead) and the person, else the organization. */
function noteLinks(links: EntityLinks): Record<string, string | number> | null {
  const out: Record<string, string | number> = {};
  if (links.dealId) out.deal_id = Number(links.dealId);
  else if (links.leadId) out.lead_id = links.leadId;
  if (links.contactId) out.person_id = Number(links.contactId);
  if (!Object.keys(out).length && links.organizationId) out.org_id = Number(links.organizationId);
  return Object.keys(out).length ? out : null;
}

export async function addCallNote(send: Send, input: CallNoteInput): Promise<{ id: string }> {
  const links = noteLinks(input.links);
  if (!links) throw new Error("the call has no deal, person or organization to hold its summary");
  const response = await send({ method: "POST", path: "/api/v1/notes", json: { content: noteHtml(input.compose(NOTE_ROOM)), ...links } }, "Add call summary note");
  return { id: parseResponse(createdSchema, response.body, "Add call summary note").data.id };
}

/** The newest notes of the call's deal (or lead, person) carrying the reference: a lost answer's note. */
export async function findCallNote(send: Send, input: Omit<CallNoteInput, "compose">): Promise<{ id: string } | null> {
  const links = noteLinks(input.links);
  if (!links) return null;
  const [key, value] = Object.entries(links)[0]!;
  const response = await send({ method: "GET", path: "/api/v1/notes", query: { [key]: value, sort: "id DESC", limit: NOTES_PAGE } }, "List notes");
  const found = (parseResponse(noteListSchema, response.body, "List notes").data ?? []).find((note) => note.content.includes(input.reference));
  return found ? { id: found.id } : null;
}
