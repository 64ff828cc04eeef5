// Validation messages are i18n keys (lib/i18n/messages): forms show them translated, the API and CLI in English.
import { z } from "zod";
import { text } from "./text";

export const emailSchema = text(254, { tooLong: "validation.email" }).trim().toLowerCase().pipe(z.email("validation.email"));

export const signInSchema = z.object({
  email: emailSchema,
  password: text(200, { tooLong: "validation.passwordLength" }).min(1, "validation.passwordRequired"),
});
export type SignIn = z.infer<typeof signInSchema>;

export const newPasswordSchema = text(200, { tooLong: "validation.passwordLength" }).min(10, "validation.passwordLength");
