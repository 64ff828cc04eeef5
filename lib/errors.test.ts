import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { AppError, ERROR_STATUS, errorResponse, issuesFromZod } from "./errors";

describe("errorResponse", () => {
  it("maps every code to its status with the error body", async () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      const response = errorResponse(new AppError(code as keyof typeof ERROR_STATUS, `message for ${code}`));
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ error: { code, message: `message for ${code}` } });
    }
  });

  it("includes issues when there are any", async () => {
    const response = errorResponse(new AppError("UNPROCESSABLE", "invalid", [{ path: "a.b", message: "bad" }]));
    expect(await response.json()).toEqual({ error: { code: "UNPROCESSABLE", message: "invalid", issues: [{ path: "a.b", message: "bad" }] } });
  });

  it("answers an unexpected error with 500 and leaks nothing of it", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = errorResponse(new Error("password=hunter2 at db.internal:5432"));
    spy.mockRestore();
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("hunter2");
    expect(JSON.parse(text).error.code).toBe("INTERNAL");
  });
});

describe("issuesFromZod", () => {
  it("joins paths and answers validation keys in English", () => {
    const result = z.object({ user: z.object({ email: z.email("validation.email") }) }).safeParse({ user: { email: "nope" } });
    expect(result.success).toBe(false);
    expect(issuesFromZod(result.error!.issues)).toEqual([{ path: "user.email", message: "Enter a valid e-mail address." }]);
  });
});
