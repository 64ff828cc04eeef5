import { describe, expect, it } from "vitest";
import { fitToLengths } from "./fit";

describe("fitToLengths", () => {
  it("cuts only strings longer than their field and names each cut", () => {
    const fitted: string[] = [];
    const body = fitToLengths({ Last_Name: "x".repeat(10_000), First_Name: "Olena", Phone: "+380671234567", Owner: { id: "1" }, Note: "y".repeat(300) }, new Map([["Last_Name", 255], ["First_Name", 40], ["Phone", 30]]), fitted);
    expect(body.Last_Name).toHaveLength(255);
    expect(body).toMatchObject({ First_Name: "Olena", Phone: "+380671234567", Owner: { id: "1" } });
    expect(body.Note).toHaveLength(300);
    expect(fitted).toEqual(["Last_Name: 10000 → 255 characters"]);
  });

  it("counts characters, not UTF-16 units, and never splits an emoji", () => {
    const fitted: string[] = [];
    const body = fitToLengths({ name: "Олена 😀😀😀" }, new Map([["name", 7]]), fitted, "custom_fields.");
    expect(body.name).toBe("Олена 😀");
    expect(fitted).toEqual(["custom_fields.name: 9 → 7 characters"]);
  });
});
