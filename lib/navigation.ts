// The admin sections of PRODUCT.md, in the order the navigation shows them.
import type { MessageKey } from "@/lib/i18n/config";

export interface Section {
  slug: string;
  label: MessageKey;
  about: MessageKey;
}

export const SECTIONS: readonly Section[] = [
  { slug: "integration", label: "nav.integration", about: "section.integration.about" },
  { slug: "matrix", label: "nav.matrix", about: "section.matrix.about" },
  { slug: "default-fields", label: "nav.defaultFields", about: "section.defaultFields.about" },
  { slug: "mappings", label: "nav.mappings", about: "section.mappings.about" },
  { slug: "stage-rules", label: "nav.stageRules", about: "section.stageRules.about" },
  { slug: "stop-list", label: "nav.stopList", about: "section.stopList.about" },
  { slug: "messengers", label: "nav.messengers", about: "section.messengers.about" },
  { slug: "forms", label: "nav.forms", about: "section.forms.about" },
  { slug: "routing", label: "nav.routing", about: "section.routing.about" },
  { slug: "employees", label: "nav.employees", about: "section.employees.about" },
  { slug: "events", label: "nav.events", about: "section.events.about" },
  { slug: "audit", label: "nav.audit", about: "section.audit.about" },
  { slug: "alerts", label: "nav.alerts", about: "section.alerts.about" },
];

export const findSection = (slug: string) => SECTIONS.find((section) => section.slug === slug);
