// Maps a CRM kind to its connector and its OAuth flow; the only place that imports the CRM folders.
import { PipedriveConnector } from "./pipedrive/connector";
import type { ConnectorOptions, CrmConnector, CrmCredentials, CrmKind } from "./types";
import { ZohoConnector } from "./zoho/connector";
import { zohoOAuth } from "./zoho/oauth";
import { pipedriveOAuth } from "./pipedrive/oauth";
import type { OAuthProvider } from "./oauth/provider";

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

const OAUTH: Record<CrmKind, OAuthProvider<never>> = { zoho: zohoOAuth, pipedrive: pipedriveOAuth };

/** The CRM's authorization-code flow (F1: Zoho by OAuth, Pipedrive by token or OAuth). */
export const oauthProvider = (crm: CrmKind): OAuthProvider<unknown> => OAUTH[crm] as OAuthProvider<unknown>;

export function createConnector(credentials: CrmCredentials, options?: ConnectorOptions): CrmConnector {
  return FACTORIES[credentials.crm](credentials, options);
}
