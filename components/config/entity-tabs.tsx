"use client";

import type { ReactNode } from "react";
import { MAPPED_ENTITIES, type MappedEntity } from "@/lib/validation/vocabulary";
import { useI18n } from "@/lib/i18n/client";

/** The entity tabs of the mapping editors (lead, contact, organization, deal); `suffix` adds e.g. a row count. */
export function EntityTabs({ entity, onChange, suffix, errors }: { entity: MappedEntity; onChange: (entity: MappedEntity) => void; suffix?: (entity: MappedEntity) => ReactNode; errors?: (entity: MappedEntity) => number }) {
  const { t } = useI18n();
  return (
    <div role="tablist" aria-label={t("mappings.entity")} className="flex flex-wrap gap-2 border-b border-slate-200 pb-2">
      {MAPPED_ENTITIES.map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          aria-selected={entity === name}
          onClick={() => onChange(name)}
          className={`rounded-md px-3 py-1 text-sm ${entity === name ? "bg-brand-50 font-semibold text-brand-700" : "text-slate-700 hover:bg-slate-100"} ${errors?.(name) ? "ring-1 ring-red-500" : ""}`}
        >
          {t(`entity.${name}`)}
          {suffix?.(name)}
          {errors?.(name) ? <span className="ml-1 text-red-700">· {t("mappings.tabErrors", { count: errors(name) })}</span> : null}
        </button>
      ))}
    </div>
  );
}
