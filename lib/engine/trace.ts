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
}
