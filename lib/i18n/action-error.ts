// The one way an action's failure becomes text for the person who pressed the button: a message key is
// translated; a role refusal and our own failures get our words; any other server text (the CRM's, or a
// check's in English) follows a sentence in the person's language that says what kind of failure it is.
import { translateKnown, type Locale, type Translate } from "./config";
import { en } from "./messages/en";

export interface ActionError {
  /** An ErrorCode of lib/errors.ts (which sits above i18n, so it is not imported here). */
  code: string;
  message: string;
}

export function actionErrorText(t: Translate, locale: Locale, error: ActionError): string {
  if (error.code === "FORBIDDEN") return t("error.forbidden");
  if (error.code === "INTERNAL") return t("error.generic");
  if (error.message in en) return t(error.message as keyof typeof en);
  if (locale === "en") return error.message;
  const kind = translateKnown(t, `error.code.${error.code}`, "");
  return kind ? `${kind} ${error.message}` : error.message;
}
