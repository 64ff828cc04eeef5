// The Integration page's connect form of each CRM kind (the UI half of its descriptor, lib/connectors):
// with the registry, the one place a new CRM kind must be added (lib/connectors/fake-crm.test.ts).
import type { CrmKind } from "@/lib/connectors/types";
import { ZOHO_DATA_CENTERS } from "@/lib/connectors/zoho/data-centers";
import { oauthCallbackPath } from "@/lib/integrations/app-url";
import { appUrl } from "@/lib/env";
import { PipedriveConnectForm } from "./pipedrive-connect-form";
import { ZohoConnectForm } from "./zoho-connect-form";

interface ConnectFormProps {
  projectKey: string;
  sandbox: boolean;
}

const CONNECT_FORMS = {
  pipedrive: ({ projectKey, sandbox }: ConnectFormProps) => <PipedriveConnectForm projectKey={projectKey} sandbox={sandbox} redirectUri={`${appUrl()}${oauthCallbackPath("pipedrive")}`} />,
  zoho: ({ projectKey, sandbox }: ConnectFormProps) => (
    <ZohoConnectForm
      projectKey={projectKey}
      sandbox={sandbox}
      redirectUri={`${appUrl()}${oauthCallbackPath("zoho")}`}
      dataCenters={Object.entries(ZOHO_DATA_CENTERS).map(([value, dc]) => ({ value, label: dc.label }))}
    />
  ),
} satisfies { [K in CrmKind]: (props: ConnectFormProps) => React.ReactNode };

/** The form that connects (or reconnects) a project to this CRM. */
export function ConnectForm(props: ConnectFormProps & { crm: CrmKind }) {
  const Form = CONNECT_FORMS[props.crm];
  return <Form projectKey={props.projectKey} sandbox={props.sandbox} />;
}

/** Every CRM kind's form, side by side, for a project not yet connected. */
export const CONNECTABLE_CRMS = Object.keys(CONNECT_FORMS) as CrmKind[];
