import { z } from "zod";
import { text } from "./text";
import { ROLES } from "@/lib/auth/roles";
import { emailSchema, newPasswordSchema } from "./auth";

export const roleSchema = z.enum(ROLES, { error: "validation.role" });

export const createUserSchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  name: text(80).trim().min(1).optional(),
  projectKey: text(100).trim().min(1, "validation.projectKey"),
  role: roleSchema,
});
export type CreateUser = z.infer<typeof createUserSchema>;
