// Webhook signatures (PRODUCT.md §3): X-Callbridge-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>,
// X-Callbridge-Timestamp within 300 s of now. Computed on the raw body, compared in constant time.
import { createHmac, timingSafeEqual } from "node:crypto";

export const MAX_CLOCK_SKEW_SECONDS = 300;

export function signPayload(secret: string, timestamp: number | string, rawBody: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex")}`;
}

export const SIGNATURE_MISMATCH = "The signature does not match.";

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

export function verifySignature(secret: string, headers: { timestamp: string | null; signature: string | null }, rawBody: string, nowSeconds = Math.floor(Date.now() / 1000)): SignatureCheck {
  if (!headers.timestamp || !headers.signature) return { ok: false, reason: "Missing X-Callbridge-Timestamp or X-Callbridge-Signature." };
  if (!/^\d{1,12}$/.test(headers.timestamp)) return { ok: false, reason: "X-Callbridge-Timestamp must be unix seconds." };
  if (Math.abs(nowSeconds - Number(headers.timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: "The timestamp is more than 300 seconds away from now." };
  const expected = Buffer.from(signPayload(secret, headers.timestamp, rawBody));
  // A header may list several signatures (during secret rotation); any valid one is enough.
  const given = headers.signature.split(",").map((part) => Buffer.from(part.trim()));
  const valid = given.some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
  return valid ? { ok: true } : { ok: false, reason: SIGNATURE_MISMATCH };
}
