// Limits a schema shared with the browser needs from the server's environment. Read from process.env
// directly (lib/env.ts validates the same variable at start): the browser has no such variable and checks
// against the default, the server against what the operator set.
export const STOP_LIST_DEFAULT_MAX = 1000;

export function stopListMaxEntries(): number {
  const set = Number(typeof process === "undefined" ? undefined : process.env.STOP_LIST_MAX_ENTRIES);
  return Number.isInteger(set) && set > 0 ? set : STOP_LIST_DEFAULT_MAX;
}
