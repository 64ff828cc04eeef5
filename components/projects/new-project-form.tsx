"use client";

import Link from "next/link";
import { useState } from "react";
import { ProjectForm } from "@/components/settings/project-settings-form";
import { NewSecret } from "@/components/settings/new-secret";
import { Notice } from "@/components/ui/notice";
import { createProjectAction } from "@/lib/actions/projects";
import { useI18n } from "@/lib/i18n/client";

type Created = { projectKey: string; apiToken: string; webhookSecret: string; webhookUrl: string };

/** Creates a project; its webhook URL, secret and first API token are shown once, then never again. */
export function NewProjectForm({ timeZones, defaults }: { timeZones: string[]; defaults: { timezone: string; defaultCountry: string } }) {
  const { t } = useI18n();
  const [created, setCreated] = useState<Created | null>(null);
  if (created) {
    return (
      <div className="max-w-xl space-y-4" data-testid="project-created">
        <Notice tone="success">{t("projects.new.created")}</Notice>
        <p className="text-sm text-slate-700">{t("projects.new.onceOnly")}</p>
        <NewSecret label={t("projects.new.webhookUrl")} value={created.webhookUrl} testId="created-webhook-url" />
        <NewSecret label={t("projects.new.webhookSecret")} value={created.webhookSecret} testId="created-webhook-secret" />
        <NewSecret label={t("projects.new.apiToken")} value={created.apiToken} testId="created-api-token" />
        <Link href={`/${created.projectKey}/integration`} className="inline-block rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          {t("projects.new.open")}
        </Link>
      </div>
    );
  }
  return (
    <ProjectForm
      label={t("projects.new.title")}
      initial={{ name: "", crmLanguage: "en", ...defaults }}
      timeZones={timeZones}
      submit={{ idle: t("projects.new.create"), busy: t("projects.new.creating"), done: null }}
      save={(values) => createProjectAction(values)}
      onSaved={setCreated}
    />
  );
}
