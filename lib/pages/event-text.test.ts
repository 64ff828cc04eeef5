// The Events page's reason and trace lines in the admin's language, from rows as the engine stores them now
// (with words) and as it stored them before (English only).
import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/config";
import { inEnglish, words } from "@/lib/i18n/words";
import { eventReasonText, traceLineText } from "./event-text";

const format = new Intl.DateTimeFormat("uk", { timeZone: "UTC", dateStyle: "short", timeStyle: "short" });
const uk = translator("uk");

describe("the Events page's words", () => {
  it("says a stored trace line in the admin's language, an older English one as it was", () => {
    const said = words("trace.get.linked", { kind: words("trace.kind.deal"), id: "42" });
    expect(traceLineText(uk, { op: "get", detail: inEnglish(said), words: said, ok: true, at: "x" }, format)).toBe("Угода 42 (із кешу зв’язків)");
    expect(traceLineText(uk, { op: "get", detail: "deal 42 (link cache)", ok: true, at: "x" }, format)).toBe("deal 42 (link cache)");
    // A phase decision is a reason: the reason rules say it.
    expect(traceLineText(uk, { op: "phase", detail: "answered: the entities were written at ring", ok: true, at: "x" }, format)).toBe(uk("events.reason.writtenAtRing"));
  });

  it("says a responsible-manager answer from its stored words, other reasons by the reason rules", () => {
    const reason = words("routing.answer", { who: words("routing.answer.next"), ms: 40, why: words("routing.why.notConnected") });
    expect(eventReasonText(uk, { reason: inEnglish(reason), payload: { callerNumber: "+380671234567", reasonWords: reason } }, format)).toBe("Наступний блок за 40 мс: CRM не підключено");
    expect(eventReasonText(uk, { reason: "next in 40 ms: no CRM is connected", payload: { callerNumber: "+380671234567" } }, format)).toBe("next in 40 ms: no CRM is connected");
    expect(eventReasonText(uk, { reason: "waiting: the integration is inactive", payload: {} }, format)).toBe(uk("events.reason.waiting", { status: uk("integration.status.inactive") }));
  });
});
