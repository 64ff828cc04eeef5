// The one way the server fetches a URL that a user or an event supplied (recording links today): https
// only unless the operator lists the host, every address the name resolves to checked before any
// connection (and the connection pinned to the checked address, so a second DNS answer cannot swap it),
// each redirect checked the same way, the body streamed under a byte cap, all within a timeout.
import { lookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { allowedBy, isPublicAddress, urlPort, type EgressRule } from "@/lib/env/egress-allow";
import { egressRules, egressVariable, type EgressPurpose } from "./purposes";

/** The URL may not be fetched (a policy decision, never worth a retry). No connection was made. */
export class EgressRefused extends Error {
  readonly code = "EGRESS_REFUSED";
  constructor(message: string) {
    super(message);
    this.name = "EgressRefused";
  }
}

/** Recognised by its code, not `instanceof`: Next's server bundles each compile their own copy of the class. */
export const isEgressRefused = (thrown: unknown): thrown is EgressRefused => typeof thrown === "object" && thrown !== null && (thrown as { code?: unknown }).code === "EGRESS_REFUSED";

export interface EgressOptions {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects?: number;
  /** Whose allow-list applies (and is named in refusals); recording downloads unless said otherwise. */
  purpose?: EgressPurpose;
  /** The operator's allow-list; defaults to the purpose's (EGRESS_ALLOW_RECORDINGS). */
  allow?: EgressRule[];
}

export interface EgressResponse {
  status: number;
  contentType: string | null;
  body: Uint8Array;
  /** The URL that answered, after redirects. */
  url: string;
}

/** Decides whether `url` may be fetched and to which address; throws EgressRefused if not. */
export async function checkDestination(url: URL, allow: EgressRule[], purpose: EgressPurpose = "recordings"): Promise<{ address: string; family: number }> {
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new EgressRefused(`${url.protocol} URLs are not fetched`);
  if (url.username || url.password) throw new EgressRefused("URLs with credentials are not fetched");
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = urlPort(url);
  const hostRule = allowedBy(allow.filter((rule) => rule.host), { host, port });
  if (url.protocol === "http:" && !allowedBy(allow, { host, port })) throw new EgressRefused(`plain http is allowed only for hosts listed in ${egressVariable(purpose)} with their port (${host}:${port})`);
  let addresses: Array<{ address: string; family: number }>;
  try {
    addresses = await lookup(host, { all: true, verbatim: true });
  } catch (error) {
    throw new EgressRefused(`${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? "DNS error"})`);
  }
  if (!addresses.length) throw new EgressRefused(`${host} does not resolve`);
  for (const { address } of addresses) {
    if (hostRule || isPublicAddress(address) || allowedBy(allow, { host, address, port })) continue;
    throw new EgressRefused(`${host} resolves to ${address}, a private, loopback, link-local or reserved address not listed in ${egressVariable(purpose)} for port ${port}`);
  }
  return addresses[0]!;
}

function once(url: URL, pinned: { address: string; family: number }, signal: AbortSignal): Promise<IncomingMessage> {
  const lookupPinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = send(url, { method: "GET", lookup: lookupPinned, signal, headers: { accept: "*/*", "user-agent": "Callbridge" } }, resolve);
    outgoing.on("error", reject);
    outgoing.end();
  });
}

async function readCapped(response: IncomingMessage, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers["content-length"] ?? 0);
  if (declared > maxBytes) {
    response.destroy();
    throw new EgressRefused(`the body is ${declared} bytes, more than the limit of ${maxBytes}`);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      response.destroy();
      throw new EgressRefused(`the body is larger than the limit of ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** GET `raw` under the egress policy. Network failures throw as usual; policy refusals throw EgressRefused. */
export async function egressGet(raw: string, options: EgressOptions): Promise<EgressResponse> {
  const purpose = options.purpose ?? "recordings";
  const allow = options.allow ?? egressRules(purpose);
  const signal = AbortSignal.timeout(options.timeoutMs);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new EgressRefused("not a valid URL");
  }
  for (let hop = 0; ; hop++) {
    const response = await once(url, await checkDestination(url, allow, purpose), signal);
    const location = response.headers.location;
    if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400 && location) {
      response.resume();
      if (hop >= (options.maxRedirects ?? 5)) throw new EgressRefused("too many redirects");
      url = new URL(location, url);
      continue;
    }
    return { status: response.statusCode ?? 0, contentType: response.headers["content-type"] ?? null, body: await readCapped(response, options.maxBytes), url: url.toString() };
  }
}
