// The roles a person can have in a project (lib/auth/roles.ts ranks them): OWNER ⊃ ADMIN ⊃ VIEWER.
import type { Role } from "@/lib/generated/prisma/enums";

export type { Role };
export const ROLES = ["OWNER", "ADMIN", "VIEWER"] as const satisfies readonly Role[];
