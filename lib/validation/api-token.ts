import { z } from "zod";
import { text } from "./text";

// Messages are i18n keys (see lib/validation/auth.ts).

/** A new API token: a name people recognise and what it may do (one schema for the form, the API and the CLI). */
export const apiTokenSchema = z.object({
  name: text(60, { tooLong: "validation.tokenName" }).trim().min(1, "validation.tokenName"),
  role: z.enum(["VIEWER", "ADMIN"], { error: "validation.tokenRole" }),
});
export type ApiTokenInput = z.infer<typeof apiTokenSchema>;
