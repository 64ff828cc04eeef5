// Each admin page's browser tab names its section and project ("Events · Acme · Callbridge"), in the
// user's language. The project's name only for its members: a title must not tell others it exists.
import type { Metadata } from "next";
import { projectAccess } from "@/lib/auth/session";
import type { MessageKey } from "@/lib/i18n/config";
import { getTranslator } from "@/lib/i18n/server";

export function sectionMetadata(label: MessageKey) {
  return async function generateMetadata({ params }: { params: Promise<{ projectKey: string }> }): Promise<Metadata> {
    const [{ projectKey }, t] = await Promise.all([params, getTranslator()]);
    const access = await projectAccess(projectKey);
    return { title: typeof access === "object" ? `${t(label)} · ${access.project.name}` : t(label) };
  };
}
