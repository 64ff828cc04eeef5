// Group commit for webhook ingest: requests that arrive while an insert is on its way to the database
// are written together by the next statement. Each request still waits for its own row to be stored
// before it is answered (durable before the 2xx); a lone request is written at once, with no delay.
import { insertEventsOnce, type InsertOutcome, type NewEvent } from "@/lib/db/queries/events";

const MAX_BATCH = 100;

interface Waiting {
  event: NewEvent;
  resolve: (outcome: InsertOutcome) => void;
  reject: (error: unknown) => void;
}

let waiting: Waiting[] = [];
let writing = false;

async function drain() {
  writing = true;
  try {
    while (waiting.length) {
      const batch = waiting.slice(0, MAX_BATCH);
      waiting = waiting.slice(MAX_BATCH);
      try {
        const outcomes = await insertEventsOnce(batch.map((entry) => entry.event));
        batch.forEach((entry, index) => entry.resolve(outcomes[index]!));
      } catch (error) {
        batch.forEach((entry) => entry.reject(error));
      }
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
