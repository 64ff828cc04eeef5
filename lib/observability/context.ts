// The ids of what a log line is about (request, project, event, job), carried through awaits by
// AsyncLocalStorage so deep code logs them without passing them along. One store per process: Next
// compiles route handlers and instrumentation into separate bundles, which must see the same store.
import { AsyncLocalStorage } from "node:async_hooks";
import { processShared } from "@/lib/cache/process-shared";

export interface LogContext {
  requestId?: string;
  projectKey?: string;
  projectId?: string;
  eventId?: string;
  jobId?: string;
}

const storage = processShared("log-context", () => new AsyncLocalStorage<LogContext>());

export const logContext = (): LogContext | undefined => storage.getStore();

/** Runs `run` with these ids added to the current ones. */
export function withLogContext<T>(ids: LogContext, run: () => T): T {
  return storage.run({ ...storage.getStore(), ...ids }, run);
}

/** Adds ids to the current context once they are known (the event id after it is stored). */
export function addLogContext(ids: LogContext) {
  const store = storage.getStore();
  if (store) Object.assign(store, ids);
}
