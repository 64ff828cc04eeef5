// POST /api/bench/{projectKey}/noop — the no-op floor at the events webhook's URL shape (a dynamic
// segment) answering as it must answer (202 with JSON); see lib/api/bench-noop.ts.
export const dynamic = "force-dynamic";
export { benchNoopWithAnswer as POST } from "@/lib/api/bench-noop";
