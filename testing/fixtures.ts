// Recorded vendor answers, served by a fake fetch, and a check that a sandbox answer has every key the
// documented answer has — so that connector and sandbox cannot drift away from the real API together.

export interface RecordedAnswer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export function loadAnswers(json: Record<string, unknown>): Record<string, RecordedAnswer> {
  return Object.fromEntries(Object.entries(json).filter(([key]) => !key.startsWith("_"))) as Record<string, RecordedAnswer>;
}

/** A fetch answering each request with the recorded answer `pick` names (or failing the test). */
export function recordedFetch(pick: (method: string, url: URL) => RecordedAnswer | undefined): { fetch: typeof fetch; calls: string[]; headers: Headers[] } {
  const calls: string[] = [];
  const headers: Headers[] = [];
  return {
    calls,
    headers,
    fetch: async (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const method = init?.method ?? "GET";
      calls.push(`${method} ${url.pathname}${url.search}`);
      headers.push(new Headers(init?.headers));
      const answer = pick(method, url);
      if (!answer) throw new Error(`no recorded answer for ${method} ${url.pathname}${url.search}`);
      const body = answer.body === null ? null : JSON.stringify(answer.body);
      return new Response(body, { status: answer.status, headers: { "content-type": "application/json", ...answer.headers } });
    },
  };
}

/** Every key path of a JSON value; arrays contribute the paths of their first element. */
export function keyPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.length ? keyPaths(value[0], `${prefix}[]`) : [];
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, child]) => [`${prefix}.${key}`, ...keyPaths(child, `${prefix}.${key}`)]);
  }
  return [];
}

/** Paths of the documented answer that the sandbox's answer lacks. */
export function missingPaths(documented: unknown, sandbox: unknown): string[] {
  const have = new Set(keyPaths(sandbox));
  return keyPaths(documented).filter((path) => !have.has(path));
}

/** The recorded answer whose method, path and every query parameter match the request. */
export function answerFor(answers: Record<string, RecordedAnswer>, method: string, url: URL): RecordedAnswer | undefined {
  const key = Object.keys(answers).find((candidate) => {
    const [verb, target] = candidate.split(" ");
    if (verb !== method || !target) return false;
    const recorded = new URL(target, url.origin);
    return recorded.pathname === url.pathname && [...recorded.searchParams].every(([name, value]) => url.searchParams.get(name) === value);
  });
  return key ? answers[key] : undefined;
}
