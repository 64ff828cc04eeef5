// GET /api/metrics — Prometheus text of this web process, for a scraper holding METRICS_TOKEN (404 when unset).
import { METRICS_CONTENT_TYPE, metricsText } from "@/lib/observability/metrics";
import { metricsAccess } from "@/lib/observability/metrics-access";
import { readDeliveryQueue } from "@/lib/engine/queue-depth";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const access = metricsAccess(request.headers.get("authorization"));
  if (access !== 200) return new Response(null, { status: access, headers: access === 401 ? { "www-authenticate": "Bearer" } : {} });
  return new Response(await metricsText(readDeliveryQueue), { headers: { "content-type": METRICS_CONTENT_TYPE, "cache-control": "no-store" } });
}
