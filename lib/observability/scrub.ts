// What never reaches a log line or a span: secrets by the key that holds them (pino's redact paths use
// SECRET_KEYS), and, in any free text (error messages, CRM answers quoted in a reason), e-mail
// addresses, phone numbers, bearer tokens and long random strings (tokens and secrets have no fixed key
// in a message). Ids stay readable: uuids and cuids are shorter runs or broken by dashes the phone
// pattern refuses.

/** Keys whose values are secrets or personal data wherever they appear in a logged object. */
export const SECRET_KEYS = [
  "authorization", "cookie", "token", "apiToken", "accessToken", "refreshToken", "idToken", "clientSecret", "secret", "webhookSecret",
  "password", "passwordHash", "signature", "x-callbridge-signature", "phone", "clientPhone", "callerNumber", "caller", "callee", "email", "clientEmail", "tel",
] as const;

export const REDACTED = "[redacted]";

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
// 9 to 15 digits with the separators people type (+38 067 123-45-67, (067) 1234567); not inside a word
// or a dashed id, so uuids and ISO dates (8 digits) stay as they are.
const PHONE = /(?<![\w-])\+?\d(?:[\s().-]{0,2}\d){8,14}(?![\w-])/g;
const BEARER = /\b(Bearer|Basic|Zoho-oauthtoken)\s+[^\s"',;]+/gi;
// API tokens, webhook secrets, OAuth tokens: 32+ characters of a token alphabet (cuids are 25). No "/":
// URL paths stay readable.
const LONG_TOKEN = /[A-Za-z0-9_.~+=-]{32,}/g;
// Event and job ids: random, but names of rows, not credentials.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// key=value and key: value pairs inside text (query strings, quoted configs).
const KEYED = /\b(api_token|access_token|refresh_token|client_secret|token|secret|password)(["']?\s*[=:]\s*["']?)[^\s"'&,;}]+/gi;

export function scrubText(text: string): string {
  return text
    .replace(KEYED, (_match, key: string, separator: string) => `${key}${separator}${REDACTED}`)
    .replace(BEARER, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(EMAIL, REDACTED)
    .replace(LONG_TOKEN, (match) => (UUID.test(match) ? match : REDACTED))
    .replace(PHONE, REDACTED);
}

const secretKey = new Set<string>(SECRET_KEYS.map((key) => key.toLowerCase()));

/** A copy of a logged value with every string scrubbed and secret keys redacted, at any depth. */
export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object" || depth > 6) return value;
  if (value instanceof Error) return scrubValue({ type: value.name, message: value.message, stack: value.stack, ...(value as unknown as Record<string, unknown>) }, depth + 1);
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => scrubValue(item, depth + 1));
  if (value instanceof Date) return value.toISOString();
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = secretKey.has(key.toLowerCase()) ? REDACTED : scrubValue(item, depth + 1);
  return copy;
}
