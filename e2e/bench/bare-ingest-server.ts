// This machine's limit for webhook ingest: a bare node:http server running the very same ingestEvent
// (signature check, validation, stop-list, idempotent insert with the delivery job) as the Next.js route,
// on the same database. Started by e2e/bench/ingest.ts as its own process; prints "listening <port>".
import { ingestServer, listenAndAnnounce } from "../../lib/events/node-ingest";

listenAndAnnounce(ingestServer());
