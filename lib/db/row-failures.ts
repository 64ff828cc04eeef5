// Which failures of a multi-row statement are caused by one of its rows rather than by the database or
// the statement itself: the group commit retries those without the row, so one tenant's row never fails
// another tenant's request. Recognised by PostgreSQL's SQLSTATE (a `code` field), not by class.

/** Why a row was refused: its project is gone (foreign key), or PostgreSQL refused one of its values. */
export type RowFailure = { kind: "missing-project" } | { kind: "refused-value"; detail: string };

// 22 data exception (NUL in text or JSON, a lone surrogate in JSON, a value out of range), 23 integrity
// constraint violation (a foreign key to a deleted project), 54 program limit (an index row too large).
const ROW_TIED_CLASSES = new Set(["22", "23", "54"]);

export function rowTiedFailure(error: unknown): RowFailure | null {
  if (typeof error !== "object" || error === null) return null;
  const { code, constraint, message } = error as { code?: unknown; constraint?: unknown; message?: unknown };
  if (typeof code !== "string" || code.length !== 5 || !ROW_TIED_CLASSES.has(code.slice(0, 2))) return null;
  if (code === "23503" && typeof constraint === "string" && constraint.includes("projectId")) return { kind: "missing-project" };
  return { kind: "refused-value", detail: typeof message === "string" ? message : code };
}
