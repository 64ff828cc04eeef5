import type { ReactNode } from "react";
import { QueryProvider } from "@/components/providers/query-provider";
import { AdminShell } from "@/components/shell/admin-shell";
import { requireProjectPage } from "@/lib/auth/session";
import { AlertBanner } from "@/components/shell/alert-banner";
import { openAlerts } from "@/lib/db/queries/alerts";
import { listUserProjects } from "@/lib/db/queries/projects";

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ projectKey: string }> }) {
  const { projectKey } = await params;
  const access = await requireProjectPage(projectKey);
  const [projects, alerts] = await Promise.all([listUserProjects(access.user.id), openAlerts(access.project.id)]);
  return (
    <AdminShell projectKey={projectKey} projects={projects} user={access.user} role={access.role} banner={<AlertBanner projectKey={projectKey} alerts={alerts} />}>
      <QueryProvider>{children}</QueryProvider>
    </AdminShell>
  );
}
