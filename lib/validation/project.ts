import { isSupportedCountry } from "libphonenumber-js";
import { z } from "zod";
import { text } from "./text";
import { CRM_LANGUAGES } from "@/lib/i18n/crm-languages";

// Messages are i18n keys (see lib/validation/auth.ts).

/** Any zone the runtime's time-zone database knows, including renamed ones (Europe/Kyiv, formerly Europe/Kiev). */
function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value.includes("/") || value === "UTC";
  } catch {
    return false;
  }
}

export const timezoneSchema = text(64)
  .trim()
  .refine(isTimeZone, "validation.timezone");

export const countrySchema = text(64)
  .trim()
  .toUpperCase()
  .refine((value) => /^[A-Z]{2}$/.test(value) && isSupportedCountry(value), "validation.country");

export const projectNameSchema = text(80, { tooLong: "validation.nameLength" }).trim().min(2, "validation.nameLength");

/** The project settings form, its server action and the CLI share this schema. */
export const projectSettingsSchema = z.object({
  name: projectNameSchema,
  timezone: timezoneSchema,
  defaultCountry: countrySchema,
  /** Names and subjects Callbridge writes into the CRM ("Call from …", "Call back …"). */
  crmLanguage: z.enum(CRM_LANGUAGES, { error: "validation.crmLanguage" }).default("en"),
});
export type ProjectSettings = z.output<typeof projectSettingsSchema>;
export type ProjectSettingsInput = z.input<typeof projectSettingsSchema>;

// Older ICU data lists only the former names of some zones; offer the current ones too.
export const timeZoneOptions = [...new Set([...Intl.supportedValuesOf("timeZone"), "Europe/Kyiv", "UTC"])].sort();
