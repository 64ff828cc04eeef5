// The sign-in endpoint reads its form under a small limit: a huge chunked body is cut off early.
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/auth/[...nextauth]/route";
import { countingStream } from "@/testing/counting-stream";

describe("sign-in request body", () => {
  it("answers 413 after reading at most the limit of a 30 MB chunked body", async () => {
    const thirtyMegabytes = countingStream(30 * 1024 * 1024);
    const response = await POST(
      new Request("http://localhost/api/auth/callback/credentials", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: thirtyMegabytes.body, duplex: "half" } as RequestInit),
      { params: Promise.resolve({ nextauth: ["callback", "credentials"] }) },
    );
    expect(response.status).toBe(413);
    expect(thirtyMegabytes.pulled()).toBeLessThanOrEqual(16 * 1024 + 3 * thirtyMegabytes.chunkBytes);
  });
});
