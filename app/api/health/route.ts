import { databaseIsUp } from "@/lib/db/queries/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const up = await databaseIsUp();
  return Response.json(up ? { ok: true, db: "up" } : { ok: false, db: "down" }, { status: up ? 200 : 503 });
}
