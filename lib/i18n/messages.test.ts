import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage, LOCALES, MESSAGES, translateMessage, translator } from "./config";

describe("messages", () => {
  it("gives every locale the same keys, none empty, with the same placeholders", () => {
    const keys = Object.keys(MESSAGES.en).sort();
    for (const locale of LOCALES) {
      expect(Object.keys(MESSAGES[locale]).sort()).toEqual(keys);
      for (const key of keys) {
        const text = MESSAGES[locale][key as keyof (typeof MESSAGES)["en"]];
        expect(text.trim(), `${locale}:${key}`).not.toBe("");
        const placeholders = (value: string) => (value.match(/\{\w+\}/g) ?? []).sort();
        expect(placeholders(text), `${locale}:${key}`).toEqual(placeholders(MESSAGES.en[key as keyof (typeof MESSAGES)["en"]]));
      }
    }
  });

  it("counts with each language's plural forms (Ukrainian and Polish: one, few, many)", () => {
    const done = (locale: (typeof LOCALES)[number], count: number) => translator(locale)("events.resendFailed.done", { count });
    expect([1, 2, 5].map((count) => done("en", count))).toEqual(["1 event is queued again.", "2 events are queued again.", "5 events are queued again."]);
    expect([1, 3, 5, 21, 22, 25].map((count) => done("uk", count).split(" ")[1])).toEqual(["подію", "події", "подій", "подію", "події", "подій"]);
    expect([1, 3, 5, 21, 22, 25].map((count) => done("pl", count).split(" ")[1])).toEqual(["zdarzenie", "zdarzenia", "zdarzeń", "zdarzeń", "zdarzenia", "zdarzeń"]);
  });

  it("formats every message of every language, ICU ones included, with the values it names", () => {
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const key of Object.keys(MESSAGES.en) as Array<keyof (typeof MESSAGES)["en"]>) {
        const names = [...MESSAGES[locale][key].matchAll(/\{\s*(\w+)/g)].map((match) => match[1]!);
        const values = Object.fromEntries(names.map((name) => [name, 2]));
        expect(() => t(key, values), `${locale}:${key}`).not.toThrow();
      }
    }
  });

  it("translates with variables", () => {
    expect(translator("uk")("shell.signedInAs", { email: "a@b.c" })).toBe("Ви увійшли як a@b.c");
    expect(translator("pl")("nav.stopList")).toBe("Lista wykluczeń");
  });

  it("translates validation keys and passes other messages through", () => {
    const t = translator("pl");
    expect(translateMessage(t, "validation.email")).toBe("Podaj prawidłowy adres e-mail.");
    expect(translateMessage(t, "Server said no")).toBe("Server said no");
  });

  it("picks a locale from Accept-Language", () => {
    expect(localeFromAcceptLanguage("pl-PL,pl;q=0.9,en;q=0.8")).toBe("pl");
    expect(localeFromAcceptLanguage("de-DE,uk;q=0.5")).toBe("uk");
    expect(localeFromAcceptLanguage("de-DE")).toBe("en");
    expect(localeFromAcceptLanguage(null)).toBe("en");
  });
});
