// Maps a CRM kind to its connector; the only place that imports the CRM folders.
import { PipedriveConnector } from "./pipedrive/connector";
import type { ConnectorOptions, CrmConnector, CrmCredentials, CrmKind } from "./types";
import { ZohoConnector } from "./zoho/connector";

type Factory = (credentials: CrmCredentials, options?: ConnectorOptions) => CrmConnector;

const FACTORIES: Record<CrmKind, Factory> = {
  zoho: (credentials, options) => {
    if (credentials.crm !== "zoho") throw new Error("Zoho connector needs Zoho credentials");
    return new ZohoConnector(credentials, options);
  },
  pipedrive: (credentials, options) => {
    if (credentials.crm !== "pipedrive") throw new Error("Pipedrive connector needs Pipedrive credentials");
    return new PipedriveConnector(credentials, options);
  },
};

export function createConnector(credentials: CrmCredentials, options?: ConnectorOptions): CrmConnector {
  return FACTORIES[credentials.crm](credentials, options);
}
