// How much of a request body the sandbox CRMs read: the app API's limit for everything (JSON, forms, the
// OAuth token endpoints, _control), and room for a recording only where the vendors take file uploads —
// multipart bodies of their APIs, which are read only after the request's token has been checked.
import { MAX_BODY_BYTES } from "@/lib/net/limited-body";

/** The largest recording the sandboxes store (the app's own default RECORDING_MAX_BYTES), plus the multipart framing. */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024 + 64 * 1024;

export function bodyLimit(path: string, contentType: string | null): number {
  const api = /^\/(crm\/v8|api\/v[12])\//.test(path);
  return api && (contentType ?? "").startsWith("multipart/form-data") ? MAX_UPLOAD_BYTES : MAX_BODY_BYTES;
}
