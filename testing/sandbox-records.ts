// Direct reads of what a sandbox stored, for assertions (what the CRM "sees").
import { db } from "@/lib/db/client";
import { documentOf } from "@/lib/db/json";

async function accountId(crm: "zoho" | "pipedrive", name: string) {
  return (await db().sandboxAccount.findUniqueOrThrow({ where: { crm_name: { crm, name } } })).id;
}

export async function recordOf(crm: "zoho" | "pipedrive", account: string, module: string, id: string) {
  const row = await db().sandboxRecord.findUnique({ where: { accountId_module_id: { accountId: await accountId(crm, account), module, id } } });
  return row?.data as Record<string, unknown> | undefined;
}

export async function filesOf(crm: "zoho" | "pipedrive", account: string, recordId: string) {
  return db().sandboxFile.findMany({ where: { accountId: await accountId(crm, account), recordId }, orderBy: { createdAt: "asc" } });
}

/** What Zoho does when a user converts a lead: the lead is kept, flagged $converted. */
export async function markConverted(account: string, leadId: string) {
  const id = await accountId("zoho", account);
  const row = await db().sandboxRecord.findUniqueOrThrow({ where: { accountId_module_id: { accountId: id, module: "Leads", id: leadId } } });
  await db().sandboxRecord.update({
    where: { accountId_module_id: { accountId: id, module: "Leads", id: leadId } },
    data: { data: { ...documentOf(row.data), $converted: true } },
  });
}
