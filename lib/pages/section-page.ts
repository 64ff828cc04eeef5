// What every configuration page loads first: the access check, the translator and the project's
// configuration, and whether the visitor may change it.
import { canEdit } from "@/lib/auth/roles";
import { requireProjectPage } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { loadConfig } from "@/lib/config/service";

export async function loadSectionPage(params: Promise<{ projectKey: string }>) {
  const { projectKey } = await params;
  const { project, role } = await requireProjectPage(projectKey);
  const [t, config] = await Promise.all([getTranslator(), loadConfig(project.id)]);
  return { project, t, config, readOnly: !canEdit(role) };
}
