// Every CRM answer is checked against a zod schema: an unexpected shape is a clear error, never a silent null.
import type { z } from "zod";
import { PermanentError } from "@/lib/errors";

export function parseResponse<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const result = schema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new PermanentError(`${what}: unexpected answer from the CRM (${issue?.path.join(".") || "body"}: ${issue?.message})`);
  }
  return result.data;
}
