// CRM text that a spreadsheet would run as a formula once the CRM's records are exported to CSV/Excel
// (OWASP "CSV Injection") reaches the CRM with a leading single quote; phone numbers and other plain
// numbers are left exactly as they are. Through both connectors into the sandboxes over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSandbox, pipedriveCredentials, zohoCredentials, type SandboxHandle } from "@/testing/sandbox";
import { recordOf } from "@/testing/sandbox-records";
import { neutraliseFormula } from "./formula";
import { PipedriveConnector } from "./pipedrive/connector";
import { ZohoConnector } from "./zoho/connector";

describe("neutraliseFormula", () => {
  it.each([
    ["=HYPERLINK(\"https://evil.example\",\"Click\")", "'=HYPERLINK(\"https://evil.example\",\"Click\")"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
    ["@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ["=1+1", "'=1+1"],
  ])("prefixes %j", (value, expected) => {
    expect(neutraliseFormula(value)).toBe(expected);
  });

  it.each(["+380671234567", "+38 (067) 123-45-67", "-42", "-3.5", "+1 555 0100", "Olena Koval", "Call back +380671234567", "a=b", "", "'=already quoted"])("leaves %j as it is", (value) => {
    expect(neutraliseFormula(value)).toBe(value);
  });
});

describe.each(["zoho", "pipedrive"] as const)("%s: values written into the CRM", (crm) => {
  let sandbox: SandboxHandle;
  let connector: ZohoConnector | PipedriveConnector;
  beforeAll(async () => {
    sandbox = await openSandbox(crm, `formula-${crm}`);
    connector = crm === "zoho" ? new ZohoConnector(await zohoCredentials(sandbox)) : new PipedriveConnector(await pipedriveCredentials(sandbox));
  });
  afterAll(() => sandbox.server.close());

  it("a name that would start a formula is quoted; the phone number is stored as sent", async () => {
    const { id } = await connector.create("contact", { name: '=HYPERLINK("https://evil.example","Open")', phones: ["+380671234567"] });
    const stored = JSON.stringify(await recordOf(crm, sandbox.account, crm === "zoho" ? "Contacts" : "persons", id));
    expect(stored).toContain(JSON.stringify("'=HYPERLINK(\"https://evil.example\",\"Open\")").slice(1, -1));
    expect(stored).not.toMatch(/"=HYPERLINK/);
    expect(stored).toContain("+380671234567");
    expect(stored).not.toContain("'+380671234567");
  });

  it("a task subject too", async () => {
    const { id } = await connector.createTask({ subject: "@SUM(1+1)*cmd|' /C calc'!A0", dueDate: "2026-12-01", links: {} });
    const stored = JSON.stringify(await recordOf(crm, sandbox.account, crm === "zoho" ? "Tasks" : "activities", id));
    expect(stored).toContain("'@SUM(1+1)");
  });
});
