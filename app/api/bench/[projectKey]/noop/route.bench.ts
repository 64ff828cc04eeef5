// POST /api/bench/{projectKey}/noop — the floor at the events webhook's URL shape (a dynamic segment),
// answering as the webhook must answer: 202 with its fixed-size JSON (PRODUCT.md §3). Benchmark build only,
// like app/api/bench/noop/route.bench.ts.
export const dynamic = "force-dynamic";

const ANSWER = { eventId: "00000000-0000-4000-8000-000000000000", status: "queued" };

export async function POST(request: Request): Promise<Response> {
  await request.text();
  return Response.json(ANSWER, { status: 202 });
}
