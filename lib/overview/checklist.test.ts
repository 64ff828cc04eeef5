import { describe, expect, it } from "vitest";
import { checklist, type ChecklistFacts } from "./checklist";

const fresh: ChecklistFacts = { connected: false, tested: false, matrixSaved: false, employees: 0, webhookCopied: false, firstEvent: false, active: false };

describe("onboarding checklist", () => {
  it("starts at connecting the CRM and advances step by step", () => {
    expect(checklist(fresh)).toMatchObject({ complete: false, next: "connect" });
    expect(checklist({ ...fresh, connected: true, tested: true }).next).toBe("matrix");
    expect(checklist({ ...fresh, connected: true, tested: true, matrixSaved: true, employees: 2 }).next).toBe("webhook");
    expect(checklist({ ...fresh, connected: true, tested: true, matrixSaved: true, employees: 2, webhookCopied: true }).next).toBe("firstEvent");
  });

  it("an arrived event also proves the webhook was set up; complete once active", () => {
    const all = { connected: true, tested: true, matrixSaved: true, employees: 1, webhookCopied: false, firstEvent: true, active: true };
    expect(checklist(all)).toMatchObject({ complete: true, next: null });
    expect(checklist({ ...all, active: false }).next).toBe("activate");
    // A test that the CRM refused since (broken) is not done.
    expect(checklist({ ...all, tested: false }).steps.find((item) => item.step === "test")?.done).toBe(false);
  });
});
