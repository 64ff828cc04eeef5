// An audit action ("config.stopList.update") as the admin's language names it; an action without a name
// yet (a future one) shows as stored rather than not at all.
import { MESSAGES, type MessageKey, type Translate } from "@/lib/i18n/config";

export function actionLabel(t: Translate, action: string): string {
  const key = `audit.action.${action}`;
  return key in MESSAGES.en ? t(key as MessageKey) : action;
}
