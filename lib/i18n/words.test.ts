// Server-produced lines kept as words: said in each language, nested words and lists included; English
// as the engine wrote it before (logs, the API and the Overview's counts read it).
import { describe, expect, it } from "vitest";
import { translator } from "./config";
import { inEnglish, say, storedWords, words } from "./words";

describe("words", () => {
  const search = words("trace.search.phone", { kind: words("trace.kind.contact"), digits: "671234567" });

  it("says a line in every language, its nested words in the same language", () => {
    expect(inEnglish(search)).toBe("contact by phone digits 671234567");
    expect(say(translator("uk"), search)).toBe("Контакт: пошук за цифрами номера 671234567");
    expect(say(translator("pl"), search)).toBe("Kontakt: wyszukiwanie po cyfrach numeru 671234567");
  });

  it("joins a list of words, and nests a reason inside a line", () => {
    const notFound = words("routing.why.notFound", { order: [words("trace.kind.deal"), words("trace.kind.contact")] });
    expect(inEnglish(notFound)).toBe("no open deal, contact holds this number");
    const answer = words("routing.answer", { who: words("routing.answer.next"), ms: 12, why: notFound });
    expect(inEnglish(answer)).toBe("next in 12 ms: no open deal, contact holds this number");
    expect(say(translator("pl"), answer)).toBe("Następny blok w 12 ms: Żaden otwarty rekord (Oferta, Kontakt) nie ma tego numeru");
  });

  it("takes back only words this version can say", () => {
    expect(storedWords(JSON.parse(JSON.stringify(search)))).toEqual(search);
    expect(storedWords({ key: "trace.no.such.key" })).toBeNull();
    expect(storedWords("contact by phone digits 671234567")).toBeNull();
    expect(storedWords({ key: "trace.card.late", values: "x" })).toBeNull();
    // A nested key another version wrote is said as its key rather than as nothing.
    expect(say(translator("uk"), { key: "trace.link.notUsed", values: { kind: words("trace.kind.deal"), id: "7", why: { key: "gone.key" as never } } })).toBe("Угода 7: gone.key, зв’язок не використано");
    expect(say(translator("en"), JSON.parse('{"key":"trace.get.linked","values":{"kind":null,"id":7}}'))).toBe(" 7 (link cache)");
  });
});
