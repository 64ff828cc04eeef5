/** One CRM operation of a delivery, as the Events page shows it. */
export interface TraceEntry {
  op: string;
  detail: string;
  ok: boolean;
  /** The CRM's id of what was created or updated. */
  id?: string;
  /**
   * What the step did ("create:deal", "callLog" …), so a retry skips what an earlier attempt completed
   * even when the new plan differs (the retry finds what the first attempt created).
   */
  step?: string;
  error?: string;
  at: string;
  /** The CRM connection the step ran on; a retry on another connection shows and reuses none of them. */
  connection?: string;
}

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
