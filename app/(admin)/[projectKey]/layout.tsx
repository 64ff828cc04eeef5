import type { ReactNode } from "react";
import { QueryProvider } from "@/components/providers/query-provider";
import { AdminShell } from "@/components/shell/admin-shell";
import { requireProjectPage } from "@/lib/auth/session";
import { listUserProjects } from "@/lib/db/queries/projects";

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ projectKey: string }> }) {
  const { projectKey } = await params;
  const access = await requireProjectPage(projectKey);
  const projects = await listUserProjects(access.user.id);
  return (
    <AdminShell projectKey={projectKey} projects={projects} user={access.user} role={access.role}>
      <QueryProvider>{children}</QueryProvider>
    </AdminShell>
  );
}
