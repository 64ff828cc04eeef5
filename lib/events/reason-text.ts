// A stored reason in the admin's language (Events, Overview): each part in words where reason.ts has
// words for it, the rest as stored; the CRM's own words stay available on hover and in the event's detail.
import type { MessageKey, Translate } from "@/lib/i18n/config";
import { reasonParts, type ReasonInWords } from "./reason";

const PHASE_KEYS = { ringing: "matrix.when.ringing", answered: "matrix.when.answered", completed: "matrix.when.completed" } as const;
const phase = (t: Translate, value: string | undefined) => t(PHASE_KEYS[(value ?? "completed") as keyof typeof PHASE_KEYS] ?? PHASE_KEYS.completed);

function valuesOf(t: Translate, words: ReasonInWords, format: Intl.DateTimeFormat): Record<string, string> {
  switch (words.key) {
    case "waiting":
      return { status: t(`integration.status.${words.values.status as "inactive"}`) };
    case "nothingToUpdate":
      return { entity: t(`entity.${words.values.entity as "contact"}`) };
    case "utmEarlier":
      return { entity: t(`entity.${words.values.entity as "contact"}`), at: format.format(new Date(words.values.at!)), replaced: format.format(new Date(words.values.replaced!)) };
    case "quotaPaused":
      return { quota: t(`events.quota.${words.values.quota as "daily_budget"}`), until: format.format(new Date(words.values.until!)) };
    case "phaseRepeated":
    case "phaseAfterEnd":
    case "phaseWrites":
      return { phase: phase(t, words.values.phase) };
    case "phaseLater":
      return { phase: phase(t, words.values.phase), at: phase(t, words.values.at).toLowerCase() };
    default:
      return words.values;
  }
}

export function reasonText(t: Translate, reason: string | null, format: Intl.DateTimeFormat): string {
  if (!reason) return "—";
  return reasonParts(reason)
    .map((words) => (typeof words === "string" ? words : t(`events.reason.${words.key}` as MessageKey, valuesOf(t, words, format))))
    .join("; ");
}
