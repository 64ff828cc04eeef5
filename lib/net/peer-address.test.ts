import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { PEER_HEADER, stampPeerAddress } from "./peer-address";

describe("peer address header", () => {
  it("carries the socket's address and overwrites what a client sent under that name", async () => {
    stampPeerAddress();
    const seen: Array<string | string[] | undefined> = [];
    const server = createServer((request, response) => {
      seen.push(request.headers[PEER_HEADER]);
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      await fetch(url, { headers: { [PEER_HEADER]: "127.0.0.66", "x-forwarded-for": "127.0.0.66" } });
      await fetch(url);
      expect(seen).toEqual(["127.0.0.1", "127.0.0.1"]);
    } finally {
      server.close();
    }
  });
});
