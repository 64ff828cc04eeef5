import type { ProjectSettings } from "@/lib/validation/project";
import { sectionMetadata } from "@/lib/pages/section-metadata";
import { ApiTokensCard } from "@/components/settings/api-tokens-card";
import { DeleteProjectCard } from "@/components/settings/delete-project-card";
import { PeopleCard } from "@/components/settings/people-card";
import { ProjectSettingsForm } from "@/components/settings/project-settings-form";
import { WebhookSecretCard } from "@/components/settings/webhook-secret-card";
import { PageHeader } from "@/components/ui/page-header";
import { canEdit, hasRole } from "@/lib/auth/roles";
import { requireProjectPage } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { listPeople } from "@/lib/db/queries/invitations";
import { apiTokensOf } from "@/lib/projects/api-tokens";
import { timeZoneOptions } from "@/lib/validation/project";

export const generateMetadata = sectionMetadata("nav.settings");

const peopleView = (people: Awaited<ReturnType<typeof listPeople>>) => ({
  members: people.members.map((member) => ({ ...member, since: member.since.toISOString() })),
  invitations: people.invitations.map((invitation) => ({ id: invitation.id, email: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt.toISOString() })),
});

export default async function SettingsPage({ params }: { params: Promise<{ projectKey: string }> }) {
  const { projectKey } = await params;
  const { project, role } = await requireProjectPage(projectKey);
  const t = await getTranslator();
  const readOnly = !canEdit(role);
  return (
    <div className="space-y-8">
      <PageHeader title={t("settings.title")} about={t("settings.about")} />
      <p className="text-sm text-slate-600">
        {t("settings.key")}: <code className="rounded bg-slate-100 px-1.5 py-0.5">{project.key}</code>
      </p>
      <ProjectSettingsForm
        projectKey={project.key}
        readOnly={readOnly}
        timeZones={timeZoneOptions.includes(project.timezone) ? timeZoneOptions : [project.timezone, ...timeZoneOptions]}
        initial={{ name: project.name, timezone: project.timezone, defaultCountry: project.defaultCountry, crmLanguage: project.crmLanguage as ProjectSettings["crmLanguage"] }}
      />
      <WebhookSecretCard projectKey={project.key} readOnly={readOnly} />
      {readOnly ? null : (
        <ApiTokensCard
          projectKey={project.key}
          timeZone={project.timezone}
          tokens={(await apiTokensOf(project)).map((token) => ({
            ...token,
            createdAt: token.createdAt.toISOString(),
            lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
            revokedAt: token.revokedAt?.toISOString() ?? null,
          }))}
        />
      )}
      <PeopleCard projectKey={project.key} canInvite={hasRole(role, "OWNER")} timeZone={project.timezone} people={peopleView(await listPeople(project.id))} />
      {hasRole(role, "OWNER") ? <DeleteProjectCard projectKey={project.key} /> : null}
    </div>
  );
}
