// CRM credentials are stored sealed (AES-256-GCM) and only opened on the server, right before use.
import { openSecret, sealSecret } from "@/lib/crypto/secrets";
import type { CrmCredentials } from "@/lib/connectors/types";

export const sealCredentials = (credentials: CrmCredentials) => sealSecret(JSON.stringify(credentials));

export const openCredentials = (sealed: string) => JSON.parse(openSecret(sealed)) as CrmCredentials;
