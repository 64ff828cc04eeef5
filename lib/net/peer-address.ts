// The TCP peer of every request, as a header that only this server writes: Next.js route handlers see
// headers but not the socket, and X-Forwarded-For says whatever a client put there when no proxy
// rewrites it. Installed once per process (instrumentation.ts) before the first request; any value a
// client sent under this name is overwritten.
import { Server, type IncomingMessage } from "node:http";

export const PEER_HEADER = "x-callbridge-peer";
const INSTALLED = Symbol.for("callbridge.peer-address");

export function stampPeerAddress(): void {
  const prototype = Server.prototype as Server & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  prototype[INSTALLED] = true;
  const emit = prototype.emit;
  prototype.emit = function (this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[PEER_HEADER] = request.socket?.remoteAddress ?? "";
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof prototype.emit;
}
