/** Where a CRM's consent page sends the admin back with the code (registered with the OAuth app). */
export const oauthCallbackPath = (crm: string) => `/api/integrations/${crm}/callback`;
