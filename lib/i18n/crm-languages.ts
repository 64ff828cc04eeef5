// The languages Callbridge can write its own CRM texts in (Project settings → CRM language; lib/engine/crm-texts.ts).
export const CRM_LANGUAGES = ["en", "uk", "pl"] as const;
export type CrmLanguage = (typeof CRM_LANGUAGES)[number];
