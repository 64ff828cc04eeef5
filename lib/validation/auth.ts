// Validation messages are i18n keys (lib/i18n/messages): forms show them translated, the API and CLI in English.
import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("validation.email"));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "validation.passwordRequired").max(200, "validation.passwordLength"),
});
export type SignIn = z.infer<typeof signInSchema>;

export const newPasswordSchema = z.string().min(10, "validation.passwordLength").max(200, "validation.passwordLength");
