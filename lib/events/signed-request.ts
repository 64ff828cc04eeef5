// How a webhook reaches the ingest code (lib/api/handler.ts builds it from the HTTP request).
/** A signed webhook as the ingest code takes it: the project key, the raw body (limited) and the signature headers. */
export interface SignedRequest {
  projectKey: string;
  rawBody: string;
  timestamp: string | null;
  signature: string | null;
}
