// F19: the text of a call's summary note, fitted to the room the CRM leaves. Pure. What is cut goes first
// from the transcript (the long, secondary part), then from the summary; the note then says it was
// trimmed. The reference line always stays: a retry after a lost answer finds the note by it.
import type { CrmLanguage } from "@/lib/i18n/crm-languages";
import { crmTexts } from "./crm-texts";

export interface CallNote {
  summary: string;
  transcript?: string;
  sentiment?: "positive" | "neutral" | "negative";
  tags?: string[];
}

const length = (text: string) => Array.from(text).length;
const cut = (text: string, characters: number) => Array.from(text).slice(0, Math.max(0, characters)).join("").trimEnd() + "…";

export function composeCallNote(note: CallNote, reference: string, room: number, language?: CrmLanguage): string {
  const words = crmTexts(language).note;
  const head = [
    ...(note.sentiment ? [`${words.sentiment}: ${words.sentiments[note.sentiment]}`] : []),
    ...(note.tags?.length ? [`${words.tags}: ${note.tags.join(", ")}`] : []),
  ];
  const build = (summary: string, transcript: string | undefined, trimmed: boolean) =>
    [`${words.summary}:`, summary, ...head, ...(transcript !== undefined ? ["", `${words.transcript}:`, transcript] : []), ...(trimmed ? ["", words.trimmed] : []), "", reference].join("\n");
  const whole = build(note.summary, note.transcript, false);
  if (length(whole) <= room) return whole;
  // Room for the texts once the headings, the trimmed note and the reference are in.
  const free = room - length(build("", note.transcript === undefined ? undefined : "", true));
  const summary = length(note.summary) <= free ? note.summary : cut(note.summary, free - 1);
  const left = free - length(summary);
  const transcript = note.transcript === undefined || left < 2 ? undefined : length(note.transcript) <= left ? note.transcript : cut(note.transcript, left - 1);
  return build(summary, transcript, true);
}
