import { describe, expect, it } from "vitest";
import { brokenCause } from "./broken-cause";

describe("why an integration is broken", () => {
  it("tells a refused address from a refusal by the CRM", () => {
    expect(brokenCause("accountsUrl must be a Zoho data centre's accounts server (https://accounts.zoho.com, …)")).toBe("host");
    expect(brokenCause("Zoho named an API domain we do not send tokens to (apiDomain must be https://www.zohoapis.eu): reconnect the integration")).toBe("host");
    expect(brokenCause("Zoho refused the refresh token (invalid_code): reconnect the integration")).toBe("refused");
    expect(brokenCause("Pipedrive answered 401: unauthorized")).toBe("refused");
    expect(brokenCause(null)).toBe("refused");
  });
});
