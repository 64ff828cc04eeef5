// _control POST signed in by the session cookie: a cross-site form or fetch is refused (SameSite=Lax
// alone lets a same-site sibling, or a top-level POST on older browsers, through). Through the real route.
import { describe, expect, it } from "vitest";
import { POST } from "@/app/sandbox/[crm]/[...path]/route";
import { crossSiteRefusal } from "./control-origin";

const APP = "http://127.0.0.1:3000";
const post = (headers: Record<string, string>) =>
  new Request(`${APP}/sandbox/pipedrive/_control?project=p`, { method: "POST", headers: { host: "127.0.0.1:3000", "content-type": "application/json", ...headers }, body: JSON.stringify({ revokeTokens: true }) });

describe("_control cross-site check", () => {
  it.each([
    ["a cross-site Origin", { origin: "https://evil.example" }],
    ["a cross-site fetch", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }],
    ["a same-site sibling", { "sec-fetch-site": "same-site", origin: "http://127.0.0.1:4000" }],
    ["an opaque origin (sandboxed frame)", { origin: "null" }],
    ["a cookie and no Origin nor Sec-Fetch-Site", {}],
  ])("refuses %s with the session cookie, before anything is read or changed", async (_name, headers) => {
    const response = await POST(post({ cookie: "next-auth.session-token=x", ...headers }), { params: Promise.resolve({ crm: "pipedrive", path: ["_control"] }) });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "FORBIDDEN" } });
  });

  it("lets the app's own pages, a typed-in request and token clients through", () => {
    expect(crossSiteRefusal(post({ cookie: "c=1", origin: APP, "sec-fetch-site": "same-origin" }), APP)).toBeNull();
    expect(crossSiteRefusal(post({ cookie: "c=1", origin: APP }), APP)).toBeNull();
    expect(crossSiteRefusal(post({ cookie: "c=1", "sec-fetch-site": "none" }), APP)).toBeNull();
    expect(crossSiteRefusal(post({ authorization: "Bearer cbt_x", origin: "https://evil.example" }), APP)).toBeNull();
    expect(crossSiteRefusal(post({}), APP)).toBeNull();
  });
});
