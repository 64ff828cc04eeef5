import { apiHandler } from "@/lib/api/handler";
import { crmMetadataDocument } from "@/lib/config/metadata";

export const dynamic = "force-dynamic";

/** The connected CRM's fields, pipelines with stages, and users: the ids the configuration document takes. */
export const GET = apiHandler("VIEWER", async (_request, access) => Response.json(await crmMetadataDocument(access.projectId)));
