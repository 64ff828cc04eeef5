import { notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireProjectPage } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { findSection } from "@/lib/navigation";

// Sections that are not built yet say so honestly; each gets its own folder when it is built.
export default async function SectionPage({ params }: { params: Promise<{ projectKey: string; section: string }> }) {
  const { projectKey, section: slug } = await params;
  const section = findSection(slug);
  if (!section) notFound();
  await requireProjectPage(projectKey);
  const t = await getTranslator();
  return (
    <>
      <PageHeader title={t(section.label)} about={t(section.about)} />
      <EmptyState title={t("empty.notYet.title")} body={t("empty.notYet.body")} />
    </>
  );
}
