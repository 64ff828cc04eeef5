import { z } from "zod";

// Messages are i18n keys (see lib/validation/auth.ts).

/** A new API token: a name people recognise and what it may do (one schema for the form, the API and the CLI). */
export const apiTokenSchema = z.object({
  name: z.string().trim().min(1, "validation.tokenName").max(60, "validation.tokenName"),
  role: z.enum(["VIEWER", "ADMIN"], { error: "validation.tokenRole" }),
});
export type ApiTokenInput = z.infer<typeof apiTokenSchema>;
