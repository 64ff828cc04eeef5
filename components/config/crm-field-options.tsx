"use client";

import type { CrmField } from "@/lib/connectors/types";

/** F4/F3: only the CRM's custom text fields are offered; system fields are filled by Callbridge itself. */
export const mappableFields = (fields: CrmField[]) => fields.filter((field) => field.isString && field.custom && !field.readOnly).sort((a, b) => a.label.localeCompare(b.label));

/** The options of a CRM-field picker: the empty choice, then the fields, by label. */
export function CrmFieldOptions({ current, options, emptyLabel }: { current: string; options: CrmField[]; emptyLabel: string }) {
  return (
    <>
      <option value="">{emptyLabel}</option>
      {/* A stored field the CRM no longer offers stays visible, so its error can be read. */}
      {current && !options.some((option) => option.key === current) ? <option value={current}>{current}</option> : null}
      {options.map((option) => (
        <option key={option.key} value={option.key}>
          {option.label}
        </option>
      ))}
    </>
  );
}
