// POST /api/bench/noop — the framework's own floor for `npm run bench` at a static path: reads the body,
// answers an empty 202, verifies and stores nothing. Only the benchmark's build has it (BENCH_ROUTES=on
// adds the `bench.ts` page extension in next.config.js); the product's build leaves it out.
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  await request.text();
  return new Response(null, { status: 202 });
}
