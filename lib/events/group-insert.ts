// Group commit for webhook ingest: requests that arrive while an insert is on its way to the database
// are written together by the next statement. Each request still waits for its own row to be stored
// before it is answered (durable before the 2xx); a lone request is written at once, with no delay.
// Requests of every project share a statement, so a statement refused because of one row (a value
// PostgreSQL cannot store, a project deleted meanwhile) is split and retried until only that row fails:
// one tenant's row never fails another tenant's request.
import { insertEventsOnce, type InsertOutcome, type NewEvent } from "@/lib/db/queries/events";
import { rowTiedFailure, type RowFailure } from "@/lib/db/row-failures";
import { AppError } from "@/lib/errors";
import { DELETED_MESSAGE, forgetWebhookProjectId } from "./webhook-project";
import { log } from "@/lib/observability/logger";

const MAX_BATCH = 100;

interface Waiting {
  event: NewEvent;
  resolve: (outcome: InsertOutcome) => void;
  reject: (error: unknown) => void;
}

let waiting: Waiting[] = [];
let writing = false;

/** The answer of the one request whose row was refused. */
function rowError(failure: RowFailure, event: NewEvent): AppError {
  if (failure.kind === "missing-project") {
    // Another process deleted the project while this one still had it cached: forget it here too, so
    // the next request reads the database instead of failing the same way.
    forgetWebhookProjectId(event.projectId);
    return new AppError("NOT_FOUND", DELETED_MESSAGE);
  }
  log("ingest").warn({ projectId: event.projectId, externalId: event.externalId.slice(0, 200), detail: failure.detail }, "event refused by the database");
  return new AppError("UNPROCESSABLE", "The event holds a value the database cannot store; it was not stored.");
}

/**
 * Writes a batch; when the statement fails because of a row, each half is written on its own (halving
 * finds k bad rows of n in about k·log2(n) statements). Halves are written in order, so a repeated event
 * id keeps the answer of its first occurrence. Other failures (database down) fail the whole batch.
 */
async function write(batch: Waiting[]): Promise<void> {
  try {
    const outcomes = await insertEventsOnce(batch.map((entry) => entry.event));
    batch.forEach((entry, index) => entry.resolve(outcomes[index]!));
  } catch (error) {
    const failure = rowTiedFailure(error);
    if (!failure) return batch.forEach((entry) => entry.reject(error));
    if (batch.length === 1) return batch[0]!.reject(rowError(failure, batch[0]!.event));
    const middle = Math.ceil(batch.length / 2);
    await write(batch.slice(0, middle));
    await write(batch.slice(middle));
  }
}

async function drain() {
  writing = true;
  try {
    while (waiting.length) {
      const batch = waiting.slice(0, MAX_BATCH);
      waiting = waiting.slice(MAX_BATCH);
      await write(batch);
    }
  } finally {
    writing = false;
  }
}

export function storeEvent(event: NewEvent): Promise<InsertOutcome> {
  return new Promise((resolve, reject) => {
    waiting.push({ event, resolve, reject });
    if (!writing) void drain();
  });
}
