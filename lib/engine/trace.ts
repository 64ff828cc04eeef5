/** One CRM operation of a delivery, as the Events page shows it. */
export interface TraceEntry {
  op: string;
  detail: string;
  ok: boolean;
  /** The CRM's id of what was created or updated. */
  id?: string;
  /** Index of the plan step, so a retry resumes after the steps already done. */
  step?: number;
  error?: string;
  at: string;
}
