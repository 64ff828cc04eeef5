import { describe, expect, it } from "vitest";
import { composeCallNote } from "./call-note";

const reference = "Callbridge event 0f7c";
const chars = (text: string) => Array.from(text).length;

describe("composeCallNote", () => {
  it("writes the summary, sentiment, tags, transcript and the reference when they fit", () => {
    const text = composeCallNote({ summary: "Wants a quote for 40 seats.", transcript: "A: Hello\nB: Hi", sentiment: "positive", tags: ["quote", "hot"] }, reference, 10_000);
    expect(text).toBe("Call summary:\nWants a quote for 40 seats.\nSentiment: positive\nTags: quote, hot\n\nTranscript:\nA: Hello\nB: Hi\n\nCallbridge event 0f7c");
  });

  it("trims the transcript first, says so, and keeps the reference", () => {
    const transcript = "word ".repeat(2_000);
    const text = composeCallNote({ summary: "Short summary.", transcript }, reference, 500);
    expect(chars(text)).toBeLessThanOrEqual(500);
    expect(text).toContain("Short summary.");
    expect(text).toContain("(trimmed to fit the CRM's field)");
    expect(text).toContain("Transcript:\nword word");
    expect(text.endsWith(reference)).toBe(true);
  });

  it("trims the summary when even it does not fit, in the CRM's language", () => {
    const text = composeCallNote({ summary: "ż".repeat(1_000), transcript: "t".repeat(1_000), sentiment: "negative" }, reference, 300, "pl");
    expect(chars(text)).toBeLessThanOrEqual(300);
    expect(text).toContain("Podsumowanie połączenia:");
    expect(text).toContain("Wydźwięk: negatywny");
    expect(text).toContain("(skrócono, aby zmieścić w polu CRM)");
    expect(text).not.toContain("tttt");
    expect(text.endsWith(reference)).toBe(true);
  });
});
