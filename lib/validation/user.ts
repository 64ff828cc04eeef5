import { z } from "zod";
import { text } from "./text";
import { ROLES } from "./roles";
import { emailSchema, newPasswordSchema } from "./auth";

export const roleSchema = z.enum(ROLES, { error: "validation.role" });

export const createUserSchema = z.object({
  email: emailSchema,
  /** Optional for a user who exists already (only the role is granted); a new user needs one. */
  password: newPasswordSchema.optional(),
  name: text(80).trim().min(1).optional(),
  projectKey: text(100).trim().min(1, "validation.projectKey"),
  role: roleSchema,
});
export type CreateUser = z.infer<typeof createUserSchema>;
