// POST /api/bench/noop — the framework's own floor for `npm run bench`: reads the body, answers 202.
// Answers 404 unless the server was started with BENCH_ROUTES=on (only the benchmark does that).
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  if (process.env.BENCH_ROUTES !== "on") return new Response(null, { status: 404 });
  await request.text();
  return new Response(null, { status: 202 });
}
