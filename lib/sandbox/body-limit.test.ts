// The sandbox CRMs read request bodies under a limit like the app's API (lib/net/limited-body.ts): an
// unauthenticated request cannot make the server buffer megabytes. Real HTTP on loopback.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "@/lib/net/limited-body";
import { handleSandbox } from "./handler";
import { startSandboxServer, type SandboxServer } from "./node-server";
import { countingStream } from "@/testing/counting-stream";

let server: SandboxServer;
beforeAll(async () => {
  server = await startSandboxServer(0);
});
afterAll(() => server.close());

/** A chunked POST (no Content-Length to refuse up front) of `bytes` bytes, written as fast as the server reads. */
function chunkedPost(path: string, bytes: number, contentType: string): Promise<{ status: number; written: number }> {
  return new Promise((resolve, reject) => {
    let written = 0;
    const chunk = Buffer.alloc(64 * 1024, "a");
    const req = httpRequest(`${server.url}${path}`, { method: "POST", headers: { "content-type": contentType, "transfer-encoding": "chunked" } }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, written });
      req.destroy();
    });
    req.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" || error.code === "EPIPE" ? undefined : reject(error)));
    const pump = () => {
      while (written < bytes) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("sandbox request bodies", () => {
  it.each([
    ["Zoho's token endpoint", "/sandbox/zoho/accounts/oauth/v2/token", "application/x-www-form-urlencoded"],
    ["Pipedrive's token endpoint", "/sandbox/pipedrive/oauth/token", "multipart/form-data; boundary=x"],
    ["the control endpoint", "/sandbox/pipedrive/_control", "application/json"],
  ])("%s answers 413 to a declared body over the limit, without reading it", async (_name, path, contentType) => {
    const response = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": contentType }, body: "x".repeat(MAX_BODY_BYTES + 1) });
    expect(response.status).toBe(413);
  });

  it("stops reading a chunked body at the limit (10 MB sent, 413 long before the end)", async () => {
    const answer = await chunkedPost("/sandbox/zoho/accounts/oauth/v2/token", 10 * 1024 * 1024, "application/x-www-form-urlencoded");
    expect(answer.status).toBe(413);
    expect(answer.written).toBeLessThan(10 * 1024 * 1024);
  });

  it("the handler pulls at most the limit of a 30 MB stream sent to an API path without credentials", async () => {
    for (const path of [["api", "v1", "persons"], ["crm", "v8", "Contacts"]]) {
      const stream = countingStream(30 * 1024 * 1024);
      const crm = path[0] === "api" ? "pipedrive" : "zoho";
      const response = await handleSandbox(crm, new Request(`http://127.0.0.1/sandbox/${crm}/${path.join("/")}`, { method: "POST", headers: { "content-type": "application/json" }, body: stream.body, duplex: "half" } as RequestInit), path);
      expect(response.status).toBe(401);
      expect(stream.pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES + 3 * stream.chunkBytes);
    }
  });

  it("still takes an ordinary token request", async () => {
    const response = await fetch(`${server.url}/sandbox/zoho/accounts/oauth/v2/token`, { method: "POST", body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: "nope", client_id: "x", client_secret: "y" }) });
    expect(response.status).not.toBe(413);
    expect(response.status).toBeLessThan(500);
  });
});
