// A reproducible mix of platform events for bulk delivery tests: repeat callers whose numbers arrive in
// every format, callers the sandbox already holds in local formats, forms and messenger chats.
import { insertTestEvent } from "./factories";

/** A small deterministic generator, so a failing run can be reproduced. */
export function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Seeded contacts of both sandboxes, by E.164 (as stored: "067 123 45 67", "+380 63 777 88 99", "380931112233"). */
export const SEEDED_CALLERS = ["+380671234567", "+380637778899", "+380931112233"];

export function formats(e164: string, pick: () => number): string {
  const national = `0${e164.slice(4)}`;
  const variants = [
    e164,
    e164.slice(1),
    national,
    `${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6, 8)} ${national.slice(8)}`,
    `${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6, 8)}-${national.slice(8)}`,
    `+38 (${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`,
  ];
  return variants[Math.floor(pick() * variants.length)]!;
}

export interface MixSummary {
  total: number;
  calls: number;
  callers: Set<string>;
}

/** `spanMs`: how far back the events go (default one second apart, ending now), e.g. a 3-day outage. */
export async function insertEventMix(projectId: string, count: number, options: { seed: number; recordingBase: string; newCallers: number; spanMs?: number }): Promise<MixSummary> {
  const pick = random(options.seed);
  const fresh = Array.from({ length: options.newCallers }, (_, index) => `+38050${String(1000000 + index * 7919).slice(-7)}`);
  const callers = [...SEEDED_CALLERS, ...fresh];
  const summary: MixSummary = { total: count, calls: 0, callers: new Set() };
  const step = options.spanMs ? options.spanMs / count : 1000;
  const start = Date.now() - count * step;
  for (let index = 0; index < count; index++) {
    const caller = callers[Math.floor(pick() * callers.length)]!;
    summary.callers.add(caller);
    const at = new Date(start + index * step).toISOString();
    const kind = pick();
    let payload: Record<string, unknown>;
    if (kind < 0.7) {
      summary.calls++;
      const missed = pick() < 0.25;
      payload = {
        type: "call",
        direction: "incoming",
        status: missed ? "missed" : "answered",
        startedAt: at,
        durationSec: missed ? 0 : Math.floor(pick() * 600),
        caller: formats(caller, pick),
        callee: "+380441234567",
        line: "sales-1",
        pool: "Контекстна реклама",
        employee: { sip: "olena" },
        ...(missed ? {} : { recordingUrl: `${options.recordingBase}/rec-${index}.mp3` }),
      };
    } else if (kind < 0.9) {
      payload = { type: "form", submittedAt: at, formName: "Contact us", fields: { tel: formats(caller, pick), name: `Client ${caller.slice(-4)}` } };
    } else {
      payload = { type: "messenger", channel: "telegram", sentAt: at, client: { messengerId: `tg-${caller}`, phone: formats(caller, pick), name: `Client ${caller.slice(-4)}` } };
    }
    const externalId = `mix-${options.seed}-${index}`;
    await insertTestEvent(projectId, { id: externalId, ...payload });
  }
  return summary;
}
