// Who is told, in this process, that a project's configuration changed: caches of it (the webhooks',
// the delivery runs') drop their copy at once; other processes see the change within their TTL.
import { processShared } from "@/lib/cache/process-shared";

const listeners = processShared("config-change-listeners", () => new Set<(projectId: string) => void>());

export function onConfigChange(listener: (projectId: string) => void) {
  listeners.add(listener);
}

export function configChanged(projectId: string) {
  for (const listener of listeners) listener(projectId);
}
