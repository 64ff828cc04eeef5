// Roles in a project: OWNER ⊃ ADMIN ⊃ VIEWER. VIEWER reads only.
import type { Role } from "@/lib/validation/roles";

export type { Role };

const RANK: Record<Role, number> = { VIEWER: 1, ADMIN: 2, OWNER: 3 };

/** Whether `role` is at least `required`. */
export function hasRole(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

export const canEdit = (role: Role) => hasRole(role, "ADMIN");
