import { describe, expect, it } from "vitest";
import { crmRecordUrl } from "./links";

describe("CRM record links", () => {
  it("opens Pipedrive records on the company's address", () => {
    expect(crmRecordUrl("pipedrive", "https://acme.pipedrive.com", "contact", "66")).toBe("https://acme.pipedrive.com/person/66");
    expect(crmRecordUrl("pipedrive", "https://acme.pipedrive.com/", "deal", "7")).toBe("https://acme.pipedrive.com/deal/7");
    expect(crmRecordUrl("pipedrive", "https://api.pipedrive.com", "contact", "66")).toBeNull();
    expect(crmRecordUrl("pipedrive", "https://acme.pipedrive.com", "task", "1")).toBeNull();
  });

  it("opens Zoho records in the data centre's web app", () => {
    expect(crmRecordUrl("zoho", "https://www.zohoapis.eu", "contact", "5725767000000412001")).toBe("https://crm.zoho.eu/crm/tab/Contacts/5725767000000412001");
    expect(crmRecordUrl("zoho", "https://www.zohoapis.com", "organization", "1")).toBe("https://crm.zoho.com/crm/tab/Accounts/1");
    expect(crmRecordUrl("zoho", "http://127.0.0.1:3000/sandbox/zoho", "contact", "1")).toBeNull();
    expect(crmRecordUrl("zoho", undefined, "contact", "1")).toBeNull();
  });
});
