import { describe, expect, it } from "vitest";
import { canEdit, hasRole } from "./roles";

describe("hasRole", () => {
  it("orders OWNER above ADMIN above VIEWER", () => {
    expect(hasRole("OWNER", "ADMIN")).toBe(true);
    expect(hasRole("ADMIN", "ADMIN")).toBe(true);
    expect(hasRole("VIEWER", "ADMIN")).toBe(false);
    expect(hasRole("ADMIN", "OWNER")).toBe(false);
    expect(hasRole("VIEWER", "VIEWER")).toBe(true);
  });

  it("lets only admins and owners edit", () => {
    expect([canEdit("OWNER"), canEdit("ADMIN"), canEdit("VIEWER")]).toEqual([true, true, false]);
  });
});
