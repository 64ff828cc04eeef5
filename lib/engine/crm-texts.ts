// The texts Callbridge itself writes into the CRM (a contact's name when the event has none, a deal's
// name, task and call-log subjects), in the language the project chose for its CRM (Project settings).

export const CRM_LANGUAGES = ["en", "uk", "pl"] as const;
export type CrmLanguage = (typeof CRM_LANGUAGES)[number];

interface CrmTexts {
  callFrom: (phone: string) => string;
  form: (what: string) => string;
  website: string;
  chat: (who: string) => string;
  dealKind: Record<"call" | "form" | "messenger", string>;
  callBack: (phone: string) => string;
  missedHidden: (caller: string) => string;
  followUpCall: (name: string) => string;
  followUp: (name: string) => string;
  callLog: (direction: "incoming" | "outgoing", missed: boolean) => string;
}

const TEXTS: Record<CrmLanguage, CrmTexts> = {
  en: {
    callFrom: (phone) => `Call from ${phone}`,
    form: (what) => `Form: ${what}`,
    website: "website",
    chat: (who) => `Chat: ${who}`,
    dealKind: { call: "call", form: "form", messenger: "messenger" },
    callBack: (phone) => `Call back ${phone}: missed call`,
    missedHidden: (caller) => `Missed call from a hidden number (${caller})`,
    followUpCall: (name) => `Follow up the call with ${name}`,
    followUp: (name) => `Follow up: ${name}`,
    callLog: (direction, missed) => `${direction === "incoming" ? "Incoming" : "Outgoing"} call${missed ? " (missed)" : ""}`,
  },
  uk: {
    callFrom: (phone) => `Дзвінок з ${phone}`,
    form: (what) => `Заявка: ${what}`,
    website: "сайт",
    chat: (who) => `Чат: ${who}`,
    dealKind: { call: "дзвінок", form: "заявка", messenger: "чат" },
    callBack: (phone) => `Передзвонити ${phone}: пропущений дзвінок`,
    missedHidden: (caller) => `Пропущений дзвінок з прихованого номера (${caller})`,
    followUpCall: (name) => `Опрацювати дзвінок: ${name}`,
    followUp: (name) => `Опрацювати: ${name}`,
    callLog: (direction, missed) => `${direction === "incoming" ? "Вхідний" : "Вихідний"} дзвінок${missed ? " (пропущений)" : ""}`,
  },
  pl: {
    callFrom: (phone) => `Połączenie od ${phone}`,
    form: (what) => `Formularz: ${what}`,
    website: "strona",
    chat: (who) => `Czat: ${who}`,
    dealKind: { call: "połączenie", form: "formularz", messenger: "czat" },
    callBack: (phone) => `Oddzwonić ${phone}: nieodebrane połączenie`,
    missedHidden: (caller) => `Nieodebrane połączenie z ukrytego numeru (${caller})`,
    followUpCall: (name) => `Obsłużyć połączenie: ${name}`,
    followUp: (name) => `Obsłużyć: ${name}`,
    callLog: (direction, missed) => `Połączenie ${direction === "incoming" ? "przychodzące" : "wychodzące"}${missed ? " (nieodebrane)" : ""}`,
  },
};

export const crmTexts = (language: CrmLanguage | undefined): CrmTexts => TEXTS[language ?? "en"];
