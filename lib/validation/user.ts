import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { emailSchema, newPasswordSchema } from "./auth";

export const roleSchema = z.enum(ROLES, { error: "validation.role" });

export const createUserSchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  name: z.string().trim().min(1).max(80).optional(),
  projectKey: z.string().trim().min(1, "validation.projectKey"),
  role: roleSchema,
});
export type CreateUser = z.infer<typeof createUserSchema>;
