import { describe, expect, it } from "vitest";
import { reasonInWords, reasonParts } from "./reason";

describe("reasons in words", () => {
  it.each([
    ["stop-list: office-101", { key: "stopList", values: { entry: "office-101" } }],
    ["paused: Pipedrive refused the API token", { key: "paused", values: {} }],
    ["waiting: the integration is inactive", { key: "waiting", values: { status: "inactive" } }],
    ["waiting: no CRM connected", { key: "notConnected", values: {} }],
    ["not sent: older than the 3-day replay window", { key: "tooOld", values: {} }],
    ['caller "anonymous" is not a phone number: no contact, lead or deal is created or matched', { key: "notPhone", values: { caller: "anonymous" } }],
    ["gave up after 8 attempts: Create Contacts: Zoho answered 503", { key: "gaveUp", values: { attempts: "8" } }],
    ["Create Deals: Zoho API limit reached (TOO_MANY_REQUESTS)", { key: "rateLimited", values: {} }],
    ["Create Deals: INVALID_DATA (Stage): invalid stage for the pipeline", { key: "invalidField", values: { field: "Stage" } }],
    ["Create Contacts: MANDATORY_NOT_FOUND (Last_Name)", { key: "missingField", values: { field: "Last_Name" } }],
    ["Create persons: Pipedrive answered 502", { key: "crmDown", values: {} }],
    ["connect ECONNREFUSED 127.0.0.1:9", { key: "unreachable", values: {} }],
  ])("%s", (reason, words) => expect(reasonInWords(reason)).toEqual(words));

  it("reads each of a delivered event's notes", () => {
    expect(reasonParts("contact: nothing to update (not found); lead: converted in the CRM, left alone; something new")).toEqual([
      { key: "nothingToUpdate", values: { entity: "contact" } },
      { key: "leadConverted", values: {} },
      "something new",
    ]);
  });

  it("leaves other reasons as they are", () => {
    expect(reasonInWords("the CRM said something unheard of")).toBeNull();
    expect(reasonInWords(null)).toBeNull();
  });
});
