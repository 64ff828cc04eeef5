// Which of the project's employees a CRM owner is (F14): the manual override first, then the CRM user's
// e-mail. Pure, so the answer's reasoning can be tested and traced.
import type { Employee } from "@/lib/validation/config";

export interface EmployeeMatch {
  employee: Employee;
  by: "override" | "email";
}

export function employeeForOwner(employees: Employee[], ownerId: string, ownerEmail: string): EmployeeMatch | null {
  const overridden = employees.find((employee) => employee.crmUserId === ownerId);
  if (overridden) return { employee: overridden, by: "override" };
  const email = ownerEmail.trim().toLowerCase();
  if (!email) return null;
  // An employee whose override names another CRM user is not matched by e-mail.
  const byEmail = employees.find((employee) => !employee.crmUserId && employee.email.toLowerCase() === email);
  return byEmail ? { employee: byEmail, by: "email" } : null;
}

/** The PBX names the employee of a stored call by SIP login, sometimes by e-mail. */
export function employeeOfCall(employees: Employee[], talked: { sip?: string; email?: string }): Employee | null {
  return (
    (talked.sip ? employees.find((employee) => employee.sip === talked.sip) : undefined) ??
    (talked.email ? employees.find((employee) => employee.email.toLowerCase() === talked.email!.toLowerCase()) : undefined) ??
    null
  );
}
