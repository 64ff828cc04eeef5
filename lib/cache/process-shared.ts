// State that must be one per server process. Next.js bundles route handlers, server actions and
// instrumentation separately, and each bundle gets its own copy of a module: module-level state kept
// on globalThis is shared by all of them (a secret rotated by an action is seen by the webhook route).
const registry = ((globalThis as { callbridgeShared?: Map<string, unknown> }).callbridgeShared ??= new Map<string, unknown>());

export function processShared<T>(name: string, create: () => T): T {
  if (!registry.has(name)) registry.set(name, create());
  return registry.get(name) as T;
}

/** Takes a value out of the registry (a pool or engine being shut down), so the next use creates it anew. */
export function takeProcessShared<T>(name: string): T | undefined {
  const value = registry.get(name) as T | undefined;
  registry.delete(name);
  return value;
}

/** The value if it exists, without creating it (a health check must not start what it checks). */
export function peekProcessShared<T>(name: string): T | undefined {
  return registry.get(name) as T | undefined;
}
