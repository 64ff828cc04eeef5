// CRM credentials are stored sealed (AES-256-GCM), bound to their project's integration row, and only
// opened on the server, right before use.
import { openSecret, sealSecret, secretPlaces } from "@/lib/crypto/secrets";
import type { CrmCredentials } from "@/lib/connectors/types";

export const sealCredentials = (credentials: CrmCredentials, projectId: string) => sealSecret(JSON.stringify(credentials), secretPlaces.credentials(projectId));

export const openCredentials = (sealed: string, projectId: string) => JSON.parse(openSecret(sealed, secretPlaces.credentials(projectId))) as CrmCredentials;
