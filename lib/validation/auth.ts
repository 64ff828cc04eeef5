import { z } from "zod";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address"));

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(200),
});
export type SignIn = z.infer<typeof signInSchema>;

export const newPasswordSchema = z.string().min(10, "Use at least 10 characters").max(200, "Use at most 200 characters");
