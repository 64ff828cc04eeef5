// Entry point of both sandbox CRMs: /sandbox/{crm}/… requests in, the vendor's answers out.
// Served by the Next app (app/sandbox/…) and, for tests and benchmarks, by a bare node:http server.
import { consumeBurst429, findAccountOfToken } from "@/lib/db/queries/sandbox";
import type { SandboxAccountRow as SandboxAccount } from "@/lib/db/queries/sandbox";
import type { SandboxCrm } from "./accounts";
import type { SandboxRequest } from "./context";
import { control, type ControlScope } from "./control";
import { drawFaults, readFaults, sleep } from "./faults";
import { bodyLimit } from "./body-limit";
import { isRecordPage, recordPage } from "./web-pages";
import { isBodyTooLarge, json, limitedRequest } from "./http";
import { isSearchPath, pipedriveApi, unknownMethod } from "./pipedrive/api";
import { pdError } from "./pipedrive/answers";
import { pipedriveAuthorizeDecision, pipedriveAuthorizePage, pipedriveToken } from "./pipedrive/oauth";
import { takeRateLimit } from "./pipedrive/rate-limit";
import { takeQuota } from "./pipedrive/quota";
import { activeSeats } from "./pipedrive/answers";
import { authenticateZoho, zohoApi, zohoBusy, zohoServerError } from "./zoho/api";
import { withZohoLimits } from "./zoho/limits";
import { authorizeDecision, authorizePage, tokenGrant } from "./zoho/oauth";

const SERVER_ERRORS = [500, 502, 503];

/** A stand-in for the telephony platform's recording links, so demo and tests have a file to fetch. */
function sampleRecording(): Response {
  const bytes = new Uint8Array(4096);
  bytes.set([0x49, 0x44, 0x33, 0x04]); // an ID3 header, then silence
  return new Response(bytes, { headers: { "content-type": "audio/mpeg" } });
}

/**
 * Latency, 429 bursts and 5xx, drawn per request from the account's fault settings. The latency is the
 * CRM's whole answer time, counted from the request's arrival: the sandbox's own work (its database, on a
 * machine it shares with the app) is part of it, not added on top, so "a CRM answering in 300 ms" answers
 * in 300 ms. The write is done before the wait, as a real CRM's is stored before its answer reaches the
 * client — a client that gives up while waiting has still written.
 */
async function withFaults(account: SandboxAccount, busy: () => Response, failure: (status: number) => Response, work: () => Promise<Response>): Promise<Response> {
  const arrived = performance.now();
  const faults = readFaults(account.faults);
  const draw = drawFaults(faults);
  let response: Response;
  if (faults.burst429 > 0 && (await consumeBurst429(account.id))) response = busy();
  else if (draw.fail5xx) response = failure(SERVER_ERRORS[Math.floor(Math.random() * SERVER_ERRORS.length)]!);
  else response = await work();
  await sleep(Math.max(0, draw.delayMs - (performance.now() - arrived)));
  return response;
}

async function zoho(context: SandboxRequest, path: string): Promise<Response> {
  const method = context.request.method;
  if (path === "/accounts/oauth/v2/auth") return method === "POST" ? authorizeDecision(context) : authorizePage(context);
  if (path === "/accounts/oauth/v2/token" && method === "POST") return tokenGrant(context);
  if (!path.startsWith("/crm/v8/")) return json({ code: "INVALID_URL_PATTERN", details: {}, message: "Please check if the URL trying to access is a correct one", status: "error" }, 404);
  const account = await authenticateZoho(context.request);
  if (account instanceof Response) return account;
  const apiPath = path.slice("/crm/v8".length);
  return withZohoLimits(account.id, context.request, apiPath, () => withFaults(account, zohoBusy, zohoServerError, () => zohoApi({ ...context, account }, apiPath)));
}

async function pipedrive(context: SandboxRequest, path: string): Promise<Response> {
  if (path === "/oauth/token" && context.request.method === "POST") return pipedriveToken(context);
  if (path === "/oauth/authorize") return context.request.method === "POST" ? pipedriveAuthorizeDecision(context) : pipedriveAuthorizePage(context);
  if (!/^\/api\/v[12]\//.test(path)) return unknownMethod(path);
  // The API token in the x-api-token header (as Pipedrive's own client sends it) or, still accepted,
  // the api_token query parameter; OAuth access tokens as Bearer.
  const apiToken = context.request.headers.get("x-api-token") ?? context.url.searchParams.get("api_token");
  const bearer = /^Bearer\s+(\S+)$/i.exec(context.request.headers.get("authorization") ?? "")?.[1];
  const token = apiToken ?? bearer;
  const account = token ? await findAccountOfToken(token, apiToken ? "api" : "access") : null;
  if (!token || !account) return json({ success: false, error: "unauthorized access", errorCode: 401, error_info: "Please check developers.pipedrive.com" }, 401);
  const faults = readFaults(account.faults);
  const rate = takeRateLimit(token, isSearchPath(path), { burst: faults.burstLimit, search: faults.searchBurstLimit });
  const withHeaders = (response: Response) => {
    for (const [name, value] of Object.entries(rate.headers)) response.headers.set(name, value);
    return response;
  };
  const busy = () => withHeaders(json({ success: false, error: "Request over limit", errorCode: 429, error_info: "Please check developers.pipedrive.com" }, 429));
  if (!rate.allowed) return busy();
  return withHeaders(
    await withFaults(account, busy, (status) => pdError(status, "Internal server error"), async () => {
      // The company's quotas (402 unpaid, the daily token budget) come after the per-token burst limit.
      const quota = await takeQuota(account.id, context.request.method, path, () => activeSeats(account.id));
      for (const [name, value] of Object.entries(quota.headers)) rate.headers[name] = value;
      return quota.refused ?? (await pipedriveApi({ ...context, account }, path.slice("/api".length)));
    }),
  );
}

/**
 * `origin` is the address the client used (from its Host header): URLs the sandbox hands out
 * (api_domain, accounts-server) must point back at it exactly, as a CRM's do.
 */
export async function handleSandbox(crm: SandboxCrm, request: Request, segments: string[], origin = new URL(request.url).origin, scope: ControlScope = "open"): Promise<Response> {
  const url = new URL(request.url);
  const path = `/${segments.join("/")}`;
  // Bodies under a limit, as the app's API reads them: anyone may post here, signed in or not.
  const limit = bodyLimit(path, request.headers.get("content-type"));
  const tooLarge = () => json({ code: "PAYLOAD_TOO_LARGE", message: `The request body is larger than ${Math.round(limit / 1024)} KiB.` }, 413);
  if (Number(request.headers.get("content-length") ?? 0) > limit) return tooLarge();
  const context: SandboxRequest = { request: limitedRequest(request, limit), url, base: `${origin}/sandbox/${crm}` };
  try {
    const response = await route(crm, context, path, scope);
    // The sandbox's own pages (consent) come without the app's proxy, so they carry their own policy.
    if (response.headers.get("content-type")?.startsWith("text/html") && !response.headers.has("content-security-policy")) {
      response.headers.set("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'");
    }
    return response;
  } catch (error) {
    if (isBodyTooLarge(error)) return tooLarge();
    throw error;
  }
}

function route(crm: SandboxCrm, context: SandboxRequest, path: string, scope: ControlScope): Promise<Response> {
  if (path === "/_control") return control(crm, context, scope);
  if (path.startsWith("/recordings/")) return Promise.resolve(sampleRecording());
  if (context.request.method === "GET" && isRecordPage(crm, path)) return recordPage(crm, path);
  return crm === "zoho" ? zoho(context, path) : pipedrive(context, path);
}
