// Where a connection's access token lives between calls. A project's connection keeps it in the database
// (./database-token-store.ts), shared by every process; a connector without a stored connection (a
// connection being checked, a script, a test) shares it with the other connectors of the same grant in
// this process. Zoho allows 10 live access tokens and about 10 token requests per 10 minutes per refresh
// token, so a token per connector object would soon be refused.
import { LRUCache } from "lru-cache";
import { processShared } from "@/lib/cache/process-shared";

export interface IssuedToken {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

export interface StoredToken extends IssuedToken {
  /** Incremented on every renewal (0: the token the credentials came with). */
  version: number;
}

/** A new token from the CRM, with the credentials as the refresh left them (a rotated refresh token). */
export interface TokenRenewal<C> {
  token: IssuedToken;
  credentials: C;
}

export interface TokenStore<C> {
  /** The token stored for this grant, or null when there is none yet. */
  read(): Promise<StoredToken | null>;
  /**
   * Runs `renew` while no other renewal of this connection runs (in any process). `renew` sees the token
   * stored now and the credentials as stored now (null when the store keeps none: use your own); it answers
   * a new token to store, or null to keep the stored one. Answers the token stored afterwards.
   */
  renew(renew: (now: { stored: StoredToken | null; credentials: C | null }) => Promise<TokenRenewal<C> | null>): Promise<StoredToken | null>;
}

interface Slot {
  token: StoredToken | null;
  /** The renewal in progress: the next one waits for it. */
  queue: Promise<unknown>;
}

// Bounded: one small entry per grant this process has talked to.
const slots = processShared("oauth-token-slots", () => new LRUCache<string, Slot>({ max: 2_000 }));

/** The token shared by every connector of the grant `grantKey` in this process. */
export function processTokenStore<C>(grantKey: string): TokenStore<C> {
  const slot = () => {
    let found = slots.get(grantKey);
    if (!found) slots.set(grantKey, (found = { token: null, queue: Promise.resolve() }));
    return found;
  };
  return {
    read: async () => slot().token,
    renew(renew) {
      const current = slot();
      const run = current.queue.then(async () => {
        const renewal = await renew({ stored: current.token, credentials: null });
        if (renewal) current.token = { ...renewal.token, version: (current.token?.version ?? 0) + 1 };
        return current.token;
      });
      current.queue = run.catch(() => undefined);
      return run;
    },
  };
}
