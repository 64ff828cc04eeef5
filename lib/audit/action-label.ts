// An audit action ("config.stopList.update") as the admin's language names it; an action without a name
// yet (a future one) shows as stored rather than not at all.
import { translateKnown, type Translate } from "@/lib/i18n/config";

export const actionLabel = (t: Translate, action: string) => translateKnown(t, `audit.action.${action}`, action);
