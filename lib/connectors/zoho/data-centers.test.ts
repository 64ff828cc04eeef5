// Every Zoho data centre an account can live in: its accounts server and API domain as Zoho lists them,
// accepted at connect and by the host check, and nothing else.
import { describe, expect, it } from "vitest";
import { zohoConnectSchema } from "./connection";
import { credentialHostProblem } from "../registry";
import { isKnownAccountsServer, ZOHO_DATA_CENTERS, zohoHostsProblem } from "./data-centers";
import { zohoRecordUrl } from "./links";

const EXPECTED: Record<string, [accounts: string, api: string]> = {
  com: ["https://accounts.zoho.com", "https://www.zohoapis.com"],
  eu: ["https://accounts.zoho.eu", "https://www.zohoapis.eu"],
  in: ["https://accounts.zoho.in", "https://www.zohoapis.in"],
  "com.au": ["https://accounts.zoho.com.au", "https://www.zohoapis.com.au"],
  jp: ["https://accounts.zoho.jp", "https://www.zohoapis.jp"],
  "com.cn": ["https://accounts.zoho.com.cn", "https://www.zohoapis.com.cn"],
  ca: ["https://accounts.zohocloud.ca", "https://www.zohoapis.ca"],
  sa: ["https://accounts.zoho.sa", "https://www.zohoapis.sa"],
  uk: ["https://accounts.zoho.uk", "https://www.zohoapis.uk"],
  ae: ["https://accounts.zoho.ae", "https://www.zohoapis.ae"],
};

describe("Zoho data centres", () => {
  it("lists every current data centre with its own accounts server and API domain", () => {
    expect(Object.fromEntries(Object.entries(ZOHO_DATA_CENTERS).map(([key, dc]) => [key, [dc.accountsUrl, dc.apiDomain]]))).toEqual(EXPECTED);
  });

  it.each(["sa", "uk", "ae"])("connecting with %s is accepted, and its hosts pass the host check", (dataCenter) => {
    expect(zohoConnectSchema.safeParse({ dataCenter, clientId: "1000.ABCDEF", clientSecret: "secret" }).success).toBe(true);
    const [accountsUrl, apiDomain] = EXPECTED[dataCenter]!;
    expect(isKnownAccountsServer(accountsUrl)).toBe(true);
    expect(zohoHostsProblem(accountsUrl, apiDomain)).toBeNull();
    expect(credentialHostProblem({ crm: "zoho", dataCenter, accountsUrl, apiDomain, clientId: "c", clientSecret: "s", refreshToken: "r" })).toBeNull();
    expect(zohoRecordUrl(apiDomain, "contact", "1")).toMatch(new RegExp(`^https://crm\\.zoho\\.${dataCenter}/crm/tab/Contacts/1$`));
  });

  it("accepts exactly those hosts: another data centre's API domain, or a look-alike, is refused", () => {
    expect(zohoHostsProblem("https://accounts.zoho.uk", "https://www.zohoapis.com")).toMatchObject({ path: "apiDomain" });
    expect(zohoHostsProblem("https://accounts.zoho.ae", "https://www.zohoapis.ae.attacker.example")).toMatchObject({ path: "apiDomain" });
    expect(zohoHostsProblem("https://accounts.zoho.sa.attacker.example", "https://www.zohoapis.sa")).toMatchObject({ path: "accountsUrl" });
    expect(isKnownAccountsServer("https://accounts.zoho.co.uk")).toBe(false);
    expect(zohoConnectSchema.safeParse({ dataCenter: "sg", clientId: "1000.ABCDEF", clientSecret: "secret" }).success).toBe(false);
  });
});
