// Where a connection's secrets may go: the vendor's own hosts, the app's sandbox while it is on, and
// hosts the operator lists (the tests list 127.0.0.1 and localhost). Refused before any connection.
import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { crmErrorKind } from "@/lib/errors";
import { credentialHostProblem } from "./registry";
import { PipedriveConnector } from "./pipedrive/connector";
import { ZohoConnector } from "./zoho/connector";

afterEach(() => vi.restoreAllMocks());

const pipedrive = (apiBase: string) => credentialHostProblem({ crm: "pipedrive", auth: "api_token", apiBase, apiToken: "t".repeat(40) });
const zoho = (accountsUrl: string, apiDomain: string) =>
  credentialHostProblem({ crm: "zoho", dataCenter: "eu", accountsUrl, apiDomain, clientId: "1000.client", clientSecret: "secret", refreshToken: "refresh" });

describe("CRM hosts", () => {
  it.each(["https://acme.pipedrive.com", "https://acme.pipedrive.com/", "https://api.pipedrive.com", "http://127.0.0.1:4100/sandbox/pipedrive"])("Pipedrive accepts %s", (apiBase) => {
    expect(pipedrive(apiBase)).toBeNull();
  });

  it.each([
    "http://acme.pipedrive.com",
    "https://acme.pipedrive.com.attacker.example",
    "https://attacker.example/acme.pipedrive.com",
    "https://acme.pipedrive.com:8443",
    "https://169.254.169.254",
    "http://10.0.0.5:5432",
    "https://user:pass@acme.pipedrive.com",
  ])("Pipedrive refuses %s", (apiBase) => {
    expect(pipedrive(apiBase)).toEqual({ path: "apiBase", message: expect.stringMatching(/https:\/\/<company>\.pipedrive\.com/) });
  });

  it("Zoho takes one data centre's accounts server with its own API domain", () => {
    expect(zoho("https://accounts.zoho.eu", "https://www.zohoapis.eu")).toBeNull();
    expect(zoho("https://accounts.zoho.eu", "https://www.zohoapis.com")).toEqual({ path: "apiDomain", message: "apiDomain must be https://www.zohoapis.eu for https://accounts.zoho.eu" });
    expect(zoho("https://accounts.attacker.example", "https://www.zohoapis.eu")).toMatchObject({ path: "accountsUrl" });
    expect(zoho("https://accounts.zoho.eu", "https://169.254.169.254")).toMatchObject({ path: "apiDomain" });
  });

  // They were accepted when connected, so this server's settings differ: a configuration error, never
  // "broken" (the CRM refused nothing) — the integration stays as it is for every other process.
  it("stored credentials naming a host this server may not reach send nothing: the connector answers a configuration error", async () => {
    const connect = vi.spyOn(net.Socket.prototype, "connect");
    const pipedriveError = await new PipedriveConnector({ crm: "pipedrive", auth: "api_token", apiBase: "https://attacker.example", apiToken: "t".repeat(40) }).testConnection().catch((error: unknown) => error);
    expect(crmErrorKind(pipedriveError)).toBe("config");
    expect((pipedriveError as Error).message).toMatch(/^this server may not reach attacker\.example: apiBase must be your Pipedrive address.*EGRESS_ALLOW_CRM/);
    const zohoError = await new ZohoConnector({ crm: "zoho", dataCenter: "eu", accountsUrl: "https://accounts.zoho.eu", apiDomain: "https://attacker.example", clientId: "c", clientSecret: "s", refreshToken: "r", accessToken: "a", accessTokenExpiresAt: Date.now() + 3_600_000 })
      .testConnection()
      .catch((error: unknown) => error);
    expect(crmErrorKind(zohoError)).toBe("config");
    expect((zohoError as Error).message).toMatch(/^this server may not reach attacker\.example: apiDomain must be https:\/\/www\.zohoapis\.eu/);
    expect(connect).not.toHaveBeenCalled();
  });
});
