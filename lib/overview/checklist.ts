// The onboarding checklist on the overview (until every step is done): what a new project still needs,
// in the order an admin does it. Pure: the facts come from the overview's reads.

export const CHECKLIST_STEPS = ["connect", "test", "matrix", "employees", "webhook", "firstEvent", "activate"] as const;
export type ChecklistStep = (typeof CHECKLIST_STEPS)[number];

export interface ChecklistFacts {
  connected: boolean;
  /** The last connection test passed (connecting runs one) and the CRM has not refused us since. */
  tested: boolean;
  /** The integration matrix was saved at least once (the defaults reviewed). */
  matrixSaved: boolean;
  employees: number;
  /** The webhook URL was copied here, or the platform already posts (an event arrived). */
  webhookCopied: boolean;
  firstEvent: boolean;
  active: boolean;
}

export function checklist(facts: ChecklistFacts): { steps: Array<{ step: ChecklistStep; done: boolean }>; complete: boolean; next: ChecklistStep | null } {
  const done: Record<ChecklistStep, boolean> = {
    connect: facts.connected,
    test: facts.connected && facts.tested,
    // Saving the matrix, or activating with its defaults, shows it was looked at.
    matrix: facts.matrixSaved || (facts.connected && facts.active),
    employees: facts.employees > 0,
    webhook: facts.webhookCopied || facts.firstEvent,
    firstEvent: facts.firstEvent,
    activate: facts.connected && facts.active,
  };
  const steps = CHECKLIST_STEPS.map((step) => ({ step, done: done[step] }));
  return { steps, complete: steps.every((item) => item.done), next: steps.find((item) => !item.done)?.step ?? null };
}
