// The HTTP layer every connector shares: per-request timeout, a concurrency limit per CRM account,
// waiting out a rate-limit window the CRM announced, and transport failures as RetryableError.
import { processShared } from "@/lib/cache/process-shared";
import { RetryableError } from "@/lib/errors";
import { log } from "@/lib/observability/logger";
import { metrics } from "@/lib/observability/metrics";
import { crmOfAccount, routeTemplate } from "@/lib/observability/route-template";
import { inSpan, SpanKind } from "@/lib/observability/tracing";

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
  json?: unknown;
  body?: FormData | URLSearchParams;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or null for an empty body (Zoho answers 204 with nothing). */
  body: unknown;
}

class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  constructor(private limit: number) {}
  /** A connector that knows the account's plan better (e.g. its Zoho edition) widens or narrows it. */
  setLimit(limit: number) {
    this.limit = limit;
    for (let free = limit - this.active; free > 0 && this.waiting.length; free--) this.waiting.shift()!();
  }
  async run<T>(task: () => Promise<T>, onWait?: () => void): Promise<T> {
    if (this.active >= this.limit) onWait?.();
    // Woken callers check again: a slot freed for them may have been taken meanwhile.
    while (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

interface AccountGate {
  semaphore: Semaphore;
  /** Epoch ms before which no request is sent: the CRM said its window is used up. */
  pausedUntil: number;
}

// Shared by every connector instance of the same CRM account in this process.
const gates = processShared("http-gates", () => new Map<string, AccountGate>());

export interface HttpClientOptions {
  /** Identifies the CRM account, so all its connectors share one limit. */
  accountKey: string;
  timeoutMs: number;
  concurrency: number;
  fetch: typeof fetch;
}

export class HttpClient {
  private readonly gate: AccountGate;
  constructor(private readonly options: HttpClientOptions) {
    let gate = gates.get(options.accountKey);
    if (!gate) {
      gate = { semaphore: new Semaphore(options.concurrency), pausedUntil: 0 };
      gates.set(options.accountKey, gate);
    } else gate.semaphore.setLimit(options.concurrency);
    this.gate = gate;
  }

  /** Holds further requests of this account until the given time (from rate-limit headers). */
  pauseUntil(epochMs: number) {
    this.gate.pausedUntil = Math.max(this.gate.pausedUntil, epochMs);
  }

  send(request: HttpRequest): Promise<HttpResponse> {
    const crm = crmOfAccount(this.options.accountKey);
    const queued = performance.now();
    return this.gate.semaphore.run(
      async () => {
        const wait = this.gate.pausedUntil - Date.now();
        if (wait > 0) {
          metrics().limiterWaits.inc({ crm, reason: "rate_window" });
          await new Promise((resolve) => setTimeout(resolve, wait));
        }
        const waited = (performance.now() - queued) / 1000;
        if (waited > 0.001) metrics().limiterWaitSeconds.inc({ crm }, waited);
        return this.observed(crm, request);
      },
      () => metrics().limiterWaits.inc({ crm, reason: "concurrency" }),
    );
  }

  /** One CRM call as a span, a log line and metrics: method, route template and status, never the query or headers. */
  private observed(crm: string, request: HttpRequest): Promise<HttpResponse> {
    const template = routeTemplate(request.url);
    const operation = `${request.method} ${template}`;
    const started = performance.now();
    return inSpan(`${crm} ${operation}`, { kind: SpanKind.CLIENT, attributes: { "http.request.method": request.method, "url.template": template, "callbridge.crm": crm } }, async (span) => {
      let status = 0;
      try {
        const response = await this.perform(request);
        status = response.status;
        span.setAttribute("http.response.status_code", status);
        return response;
      } finally {
        const seconds = (performance.now() - started) / 1000;
        metrics().crmRequests.inc({ crm, operation, status: String(status) });
        metrics().crmDuration.observe({ crm, operation }, seconds);
        log("crm")[status === 0 || status >= 500 ? "warn" : "info"]({ crm, method: request.method, route: template, status, durationMs: Math.round(seconds * 10_000) / 10 }, "CRM call");
      }
    });
  }

  private async perform(request: HttpRequest): Promise<HttpResponse> {
    const url = new URL(request.url);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: "application/json", ...request.headers };
    let body: BodyInit | undefined = request.body;
    if (request.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(request.json);
    }
    const response = await this.sendFollowingOwnRedirects(request.method, url, headers, body);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new RetryableError(`${request.method} ${url.pathname}: the answer was cut off (${(error as Error).message})`);
    }
    let parsed: unknown = null;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        // Proxies and load balancers answer HTML on 5xx; keep the start of it for the error message.
        parsed = { nonJson: text.slice(0, 200) };
      }
    }
    return { status: response.status, headers: response.headers, body: parsed };
  }

  /**
   * fetch would follow a redirect to any host with our authorization headers (the API token, the OAuth
   * token) and bypass the check of where a connection's secrets may go. So redirects are handled here:
   * within the same origin they are followed (as fetch would: 303, and 301/302 of a POST, become a GET
   * without a body); to another origin the request stops and the headers stay with the CRM.
   */
  private async sendFollowingOwnRedirects(method: HttpRequest["method"], first: URL, headers: Record<string, string>, firstBody: BodyInit | undefined): Promise<Response> {
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let [url, verb, body]: [URL, string, BodyInit | undefined] = [first, method, firstBody];
    for (let hop = 0; ; hop++) {
      let response: Response;
      try {
        response = await this.options.fetch(url, { method: verb, headers, body, signal, redirect: "manual" });
      } catch (error) {
        const name = (error as Error).name;
        const reason = name === "TimeoutError" || name === "AbortError" ? `no answer within ${this.options.timeoutMs} ms` : (error as Error).message;
        throw new RetryableError(`${method} ${first.pathname}: ${reason}`);
      }
      const target = redirectTarget(response, url);
      if (!target) return response;
      await response.body?.cancel();
      if (target.origin !== first.origin) {
        throw new RetryableError(`${method} ${first.pathname}: the CRM redirected to another host (${target.host}); not followed, so the connection's credentials are not sent there`, { status: response.status });
      }
      if (hop >= MAX_REDIRECTS) throw new RetryableError(`${method} ${first.pathname}: more than ${MAX_REDIRECTS} redirects`, { status: response.status });
      if (response.status === 303 || ((response.status === 301 || response.status === 302) && verb === "POST")) {
        [verb, body] = ["GET", undefined];
        delete headers["content-type"];
      }
      url = target;
    }
  }
}

/** Redirects followed within the CRM's own origin; one to another host is never followed (see below). */
const MAX_REDIRECTS = 3;

/** A 3xx that names where to go. */
const redirectTarget = (response: Response, from: URL) => {
  const location = response.status >= 300 && response.status < 400 ? response.headers.get("location") : null;
  return location ? new URL(location, from) : null;
};
/** Forgets every account's limiter state (tests, sandbox resets). */
export function resetHttpGates() {
  gates.clear();
}
