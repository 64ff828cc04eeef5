// POST /api/bench/noop — the no-op floor at a static path (see lib/api/bench-noop.ts).
export const dynamic = "force-dynamic";
export { benchNoop as POST } from "@/lib/api/bench-noop";
