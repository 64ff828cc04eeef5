import type { TraceEntry } from "@/lib/db/json";

// The stored shape lives with the other JSON columns (lib/db/json.ts); the engine writes it.
export type { TraceEntry };

/** Runs one CRM call and records it, with its error when it fails. */
export async function traced<T>(context: { trace: TraceEntry[] }, op: string, detail: string, run: () => Promise<T>): Promise<T> {
  try {
    const result = await run();
    context.trace.push({ op, detail, ok: true, at: new Date().toISOString() });
    return result;
  } catch (error) {
    context.trace.push({ op, detail, ok: false, error: (error as Error).message, at: new Date().toISOString() });
    throw error;
  }
}

/** A step that is not a CRM call (a cache hit, a decision), recorded for the Events page. */
export function note(context: { trace: TraceEntry[] }, op: string, detail: string, ok = true) {
  context.trace.push({ op, detail, ok, at: new Date().toISOString() });
}
