// Tests and benchmarks that deliver need an active integration; connecting alone leaves a new one inactive.
import type { CrmCredentials } from "@/lib/connectors/types";
import { setIntegrationStatus } from "@/lib/db/queries/integrations";
import { connectWithCredentials } from "@/lib/integrations/connect";

export async function connectActive(project: { id: string; key: string }, credentials: CrmCredentials, who: { userId: string | null; actor: string } = { userId: null, actor: "test" }) {
  const saved = await connectWithCredentials(project, credentials, who);
  if (saved.status !== "active") await setIntegrationStatus(project.id, "active", { ...who, target: project.key, action: "integration.activate", details: { replay: false } });
  return saved;
}
