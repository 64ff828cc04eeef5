// Every request body the app reads goes through here: read as a stream and abandoned as soon as it
// passes the limit (a chunked upload has no Content-Length to refuse up front), and JSON nested deeper
// than any real document is refused before it is parsed.
import { AppError } from "@/lib/errors";

export const MAX_BODY_BYTES = 256 * 1024;
export const MAX_JSON_DEPTH = 32;

const tooLarge = (limit: number) => new AppError("PAYLOAD_TOO_LARGE", `The request is larger than ${Math.round(limit / 1024)} KiB.`);

/** The body as text, reading at most `limit` bytes of it. */
export async function readLimitedText(request: Request, limit = MAX_BODY_BYTES): Promise<string> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw tooLarge(limit);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** How deeply arrays and objects nest in a JSON text, stopping once past `max` (strings are skipped). */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 92) index++; // backslash: skip the escaped character
      else if (char === 34) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 123 || char === 91) {
      if (++depth > max) return true;
    } else if (char === 125 || char === 93) depth--;
  }
  return false;
}

/** JSON.parse with a clear 400 for invalid or too deeply nested documents. */
export function parseJsonText(text: string): unknown {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw new AppError("BAD_REQUEST", `The JSON nests deeper than ${MAX_JSON_DEPTH} levels.`);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("BAD_REQUEST", `The body is not valid JSON: ${(error as Error).message}`);
  }
}
