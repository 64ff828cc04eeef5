// The texts Callbridge itself writes into the CRM (a contact's name when the event has none, a deal's
// name, task and call-log subjects), in the language the project chose for its CRM (Project settings).

import type { CrmLanguage } from "@/lib/i18n/crm-languages";

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
  /** F23: the task for the responsible manager when another employee answered, and for the top manager. */
  talkedToOther: (client: string, employee: string) => string;
  unknownAnswered: (client: string) => string;
  /** The headings of a call's summary note (F19) and the word said when the CRM's field made us trim it. */
  note: { summary: string; sentiment: string; sentiments: Record<"positive" | "neutral" | "negative", string>; tags: string; transcript: string; trimmed: string };
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
    talkedToOther: (client, employee) => `Your client ${client} talked to ${employee}: follow up`,
    unknownAnswered: (client) => `Call with ${client} answered by an unknown employee: follow up`,
    note: { summary: "Call summary", sentiment: "Sentiment", sentiments: { positive: "positive", neutral: "neutral", negative: "negative" }, tags: "Tags", transcript: "Transcript", trimmed: "(trimmed to fit the CRM's field)" },
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
    talkedToOther: (client, employee) => `Ваш клієнт ${client} розмовляв з ${employee}: опрацювати`,
    unknownAnswered: (client) => `Дзвінок від ${client} прийняв невідомий співробітник: опрацювати`,
    note: { summary: "Підсумок дзвінка", sentiment: "Тональність", sentiments: { positive: "позитивна", neutral: "нейтральна", negative: "негативна" }, tags: "Теги", transcript: "Транскрипція", trimmed: "(скорочено, щоб вміститися в поле CRM)" },
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
    talkedToOther: (client, employee) => `Twój klient ${client} rozmawiał z: ${employee}. Obsłużyć`,
    unknownAnswered: (client) => `Połączenie od ${client} odebrał nieznany pracownik: obsłużyć`,
    note: { summary: "Podsumowanie połączenia", sentiment: "Wydźwięk", sentiments: { positive: "pozytywny", neutral: "neutralny", negative: "negatywny" }, tags: "Tagi", transcript: "Transkrypcja", trimmed: "(skrócono, aby zmieścić w polu CRM)" },
  },
};

export const crmTexts = (language: CrmLanguage | undefined): CrmTexts => TEXTS[language ?? "en"];
