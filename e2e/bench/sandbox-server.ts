// The sandbox CRMs in a process of their own for the throughput benchmark: a real CRM does not share
// the worker's CPU. Prints "listening <port>".
import { startSandboxServer } from "../../lib/sandbox/node-server";

const server = await startSandboxServer();
console.log(`listening ${new URL(server.url).port}`);
