// An event's stored reason (English, as the engine writes it, with the CRM's own error) in words an admin
// reads in their language: a message key with its values, and the CRM's detail kept for support.

export type ReasonKey =
  | "stopList"
  | "paused"
  | "waiting"
  | "notConnected"
  | "rateLimited"
  | "crmDown"
  | "invalidField"
  | "missingField"
  | "gaveUp"
  | "notPhone"
  | "notReplayed"
  | "tooOld"
  | "unreachable"
  | "nothingToUpdate"
  | "leadConverted"
  | "quotaPaused"
  | "configuration"
  | "phaseRepeated"
  | "phaseAfterEnd"
  | "ringAfterPickup"
  | "phaseLater"
  | "writtenAtRing"
  | "phaseWrites"
  | "waitingForCall"
  | "taskStillOpen"
  | "noTopManager"
  | "utmEarlier"
  | "unexpected";

export interface ReasonInWords {
  key: ReasonKey;
  values: Record<string, string>;
}

const RULES: Array<[RegExp, (match: RegExpMatchArray) => ReasonInWords]> = [
  // A live call's phases (lib/engine/phases.ts): why a phase wrote something, or nothing.
  [/^(ringing|answered|completed): this phase of call .+ was delivered before/, (m) => ({ key: "phaseRepeated", values: { phase: m[1]! } })],
  [/^(ringing|answered): call .+ has completed already/, (m) => ({ key: "phaseAfterEnd", values: { phase: m[1]! } })],
  [/^ringing: call .+ was picked up already/, () => ({ key: "ringAfterPickup", values: {} })],
  [/^(ringing|answered): the matrix writes this call's entities at (pickup|completion)$/, (m) => ({ key: "phaseLater", values: { phase: m[1]!, at: m[2] === "pickup" ? "answered" : "completed" } })],
  [/^answered: the entities were written at ring$/, () => ({ key: "writtenAtRing", values: {} })],
  [/^(ringing|answered|completed): (?:.+ writes? entities at|the .+ row, and the call log$)/, (m) => ({ key: "phaseWrites", values: { phase: m[1]! } })],
  [/^waiting: the call's log is not in the CRM yet/, () => ({ key: "waitingForCall", values: {} })],
  // The dry run's answer for a recording or summary whose call has no log yet (lib/engine/simulate.ts).
  [/^call .+ has no call log in the CRM yet: the (?:recording|summary) waits for it$/, () => ({ key: "waitingForCall", values: {} })],
  // Task rules (lib/engine/task-rules.ts) and first touch (lib/engine/first-touch.ts), as decide() notes them.
  [/^task \((\w+)\): the client's earlier task is still open in the CRM$/, (m) => ({ key: "taskStillOpen", values: { rule: m[1]! } })],
  [/^task \(unknownEmployee\): no top manager is set on the Routing page$/, () => ({ key: "noTopManager", values: {} })],
  [/^(lead|contact|organization|deal): UTM tags of an earlier touch \((\S+)\) replace those of (\S+)$/, (m) => ({ key: "utmEarlier", values: { entity: m[1]!, at: m[2]!, replaced: m[3]! } })],
  [/^stop-list: (.+)$/, (m) => ({ key: "stopList", values: { entry: m[1]! } })],
  [/^paused: /, () => ({ key: "paused", values: {} })],
  [/^configuration: this server may not reach ([^\s:]+(?::\d+)?):/, (m) => ({ key: "configuration", values: { host: m[1]! } })],
  [/^quota: (\w+) until (\S+): /, (m) => ({ key: "quotaPaused", values: { quota: m[1]!, until: m[2]! } })],
  [/^waiting: no CRM connected/, () => ({ key: "notConnected", values: {} })],
  [/^waiting: the integration is (\w+)/, (m) => ({ key: "waiting", values: { status: m[1]! } })],
  [/^not sent: the integration was re-activated without replay/, () => ({ key: "notReplayed", values: {} })],
  [/^not sent: older than the 3-day replay window/, () => ({ key: "tooOld", values: {} })],
  [/caller "(.*)" is not a phone number/, (m) => ({ key: "notPhone", values: { caller: m[1]! } })],
  [/^(lead|contact|organization|deal): nothing to update \(not found\)$/, (m) => ({ key: "nothingToUpdate", values: { entity: m[1]! } })],
  [/^lead: converted in the CRM, left alone$/, () => ({ key: "leadConverted", values: {} })],
  [/^gave up after (\d+) attempts/, (m) => ({ key: "gaveUp", values: { attempts: m[1]! } })],
  [/TOO_MANY_REQUESTS|rate limit|\b429\b/i, () => ({ key: "rateLimited", values: {} })],
  [/(?:INVALID_DATA|invalid) \(([\w.$-]+)\)|refused the value of "?([\w.$-]+)/, (m) => ({ key: "invalidField", values: { field: m[1] ?? m[2]! } })],
  [/MANDATORY_NOT_FOUND \(([\w.$-]+)\)/, (m) => ({ key: "missingField", values: { field: m[1]! } })],
  [/answered 5\d\d|HTTP 5\d\d|\b50[0-4]\b/, () => ({ key: "crmDown", values: {} })],
  [/ECONNREFUSED|ETIMEDOUT|ENOTFOUND|fetch failed|timed out/i, () => ({ key: "unreachable", values: {} })],
  [/^(?:gave up after \d+ attempts: )?unexpected /, () => ({ key: "unexpected", values: {} })],
];

/** The first rule a reason matches (the more specific ones come first); null: show the reason as it is. */
export function reasonInWords(reason: string | null | undefined): ReasonInWords | null {
  if (!reason) return null;
  for (const [pattern, words] of RULES) {
    const match = reason.match(pattern);
    if (match) return words(match);
  }
  return null;
}

/** A delivered event's notes come joined by "; ": each part in words where there are words for it. */
export const reasonParts = (reason: string | null | undefined): Array<ReasonInWords | string> =>
  (reason ?? "").split("; ").filter(Boolean).map((part) => reasonInWords(part) ?? part);
