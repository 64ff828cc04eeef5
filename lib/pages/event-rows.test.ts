import { describe, expect, it } from "vitest";
import { clientOf, crmRecordsOf } from "./event-rows";

describe("what the Events page shows", () => {
  it("names the client by phone, e-mail or chat name", () => {
    expect(clientOf({ type: "call", payload: { caller: "067 555 12 34" }, clientPhone: "+380675551234", clientEmail: null })).toBe("+380675551234");
    expect(clientOf({ type: "call", payload: { caller: "anonymous" }, clientPhone: null, clientEmail: null })).toBe("anonymous");
    expect(clientOf({ type: "form", payload: {}, clientPhone: null, clientEmail: "iryna@example.com" })).toBe("iryna@example.com");
    expect(clientOf({ type: "messenger", payload: { client: { name: "Iryna" } }, clientPhone: "+380675551234", clientEmail: null })).toBe("Iryna · +380675551234");
    expect(clientOf({ type: "summary", payload: { callId: "c-42" }, clientPhone: null, clientEmail: null }, (callId) => `call ${callId}`)).toBe("call c-42");
  });

  it("lists the records written on this connection, with their pages", () => {
    const trace = [
      { op: "search", detail: "contact by phone", ok: true, at: "x" },
      { op: "create", detail: "create contact", ok: true, id: "66", step: "create:contact", at: "x", connection: "i1:pipedrive:acme" },
      { op: "update", detail: "update deal 7", ok: true, id: "7", step: "update:deal:7", at: "x", connection: "i1:pipedrive:acme" },
      { op: "callLog", detail: "call log", ok: true, id: "c1", step: "callLog", at: "x", connection: "i1:pipedrive:acme" },
      { op: "create", detail: "create contact", ok: true, id: "5725767", step: "create:contact", at: "x", connection: "i0:zoho:old" },
      { op: "create", detail: "create deal", ok: false, error: "boom", step: "create:deal", at: "x" },
    ];
    expect(crmRecordsOf(trace, { crm: "pipedrive", apiBase: "https://acme.pipedrive.com" })).toEqual([
      { entity: "contact", id: "66", action: "created", url: "https://acme.pipedrive.com/person/66" },
      { entity: "deal", id: "7", action: "updated", url: "https://acme.pipedrive.com/deal/7" },
      { entity: "call", id: "c1", action: "created", url: null },
    ]);
    expect(crmRecordsOf(trace, null)).toEqual([]);
  });
});
