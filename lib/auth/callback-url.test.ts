import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./callback-url";

describe("callbackUrl after sign-in", () => {
  it.each(["/acme", "/acme/events?status=failed", "/acme#matrix"])("keeps the same-site path %s", (url) => {
    expect(sameOriginPath(url)).toBe(url);
  });

  it.each(["/\\evil.example", "//evil.example", "/\t/evil.example", "https://evil.example/", "javascript:alert(1)", "/%5Cevil.example/..", "", null, undefined])("sends %j home instead of off-site", (url) => {
    const path = sameOriginPath(url);
    expect(path.startsWith("/") && !path.startsWith("//") && !path.includes("\\")).toBe(true);
    expect(new URL(path, "https://app.example").host).toBe("app.example");
  });
});
