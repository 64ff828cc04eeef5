"use client";

import type { ReactNode } from "react";
import { Tabs } from "@/components/ui/tabs";
import { MAPPED_ENTITIES, type MappedEntity } from "@/lib/validation/vocabulary";
import { useI18n } from "@/lib/i18n/client";

/** The entity tabs of the mapping editors (lead, contact, organization, deal) around the chosen entity's panel; `suffix` adds e.g. a row count. */
export function EntityTabs(props: { entity: MappedEntity; onChange: (entity: MappedEntity) => void; suffix?: (entity: MappedEntity) => ReactNode; errors?: (entity: MappedEntity) => number; children: ReactNode; panelClassName?: string }) {
  const { t } = useI18n();
  return (
    <Tabs
      label={t("mappings.entity")}
      value={props.entity}
      onChange={props.onChange}
      panelClassName={props.panelClassName}
      items={MAPPED_ENTITIES.map((name) => {
        const errors = props.errors?.(name) ?? 0;
        return { value: name, label: (
            <>
              {t(`entity.${name}`)}
              {props.suffix?.(name)}
            </>
          ), errors, errorsLabel: t("mappings.tabErrors", { count: errors }) };
      })}
    >
      {props.children}
    </Tabs>
  );
}
