import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";
import { en } from "@/lib/i18n/messages/en";
import { curlExample, operationsOf } from "./api-operations";

describe("the API reference's operations", () => {
  const operations = operationsOf(openApiDocument("http://127.0.0.1:3000"), "acme-sales");

  it("fill the project's key into every path and have a summary message in the app's languages", () => {
    expect(operations.length).toBeGreaterThan(10);
    for (const operation of operations) {
      expect(operation.path).not.toContain("{projectKey}");
      // The document's English is the English message itself: one text, translated in uk and pl.
      expect(en[operation.summaryKey as keyof typeof en], operation.id).toBe(operation.summary);
    }
  });

  it("give a curl line with the example body, and the webhook's signature headers instead of a token", () => {
    const put = operations.find((operation) => operation.id === "put /api/v1/projects/{projectKey}/integration")!;
    expect(put.requestExample).toBeDefined();
    const curl = curlExample("http://127.0.0.1:3000", put);
    expect(curl).toContain('curl -X PUT "http://127.0.0.1:3000/api/v1/projects/acme-sales/integration"');
    expect(curl).toContain('-H "Authorization: Bearer $TOKEN"');
    expect(curl).toContain(`-d '${JSON.stringify(put.requestExample).replaceAll("'", "'\\''")}'`);
    const webhook = operations.find((operation) => operation.path === "/api/webhooks/acme-sales/events")!;
    expect(curlExample("http://127.0.0.1:3000", webhook)).toContain("X-Callbridge-Signature");
    expect(curlExample("http://127.0.0.1:3000", webhook)).not.toContain("Bearer");
  });
});
