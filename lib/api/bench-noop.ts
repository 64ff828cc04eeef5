// The framework's own floor for `npm run bench`: route handlers that read the body and answer 202 —
// with no body, or with the events webhook's fixed-size JSON answer (PRODUCT.md §3). They verify and
// store nothing. They answer 404 unless the server was started with BENCH_ROUTES=on (only the benchmark
// does that).
const ANSWER = { eventId: "00000000-0000-4000-8000-000000000000", status: "queued" };

export async function benchNoop(request: Request): Promise<Response> {
  if (process.env.BENCH_ROUTES !== "on") return new Response(null, { status: 404 });
  await request.text();
  return new Response(null, { status: 202 });
}

export async function benchNoopWithAnswer(request: Request): Promise<Response> {
  if (process.env.BENCH_ROUTES !== "on") return new Response(null, { status: 404 });
  await request.text();
  return Response.json(ANSWER, { status: 202 });
}
