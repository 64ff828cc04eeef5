// One access token per connection, whichever process or connector object asks: the token lives in a
// TokenStore (the database for a project's connection), is used until a minute before it expires, and
// only one renewal runs at a time. Every CRM limits live tokens per grant (Zoho: 10 per refresh token,
// the 11th invalidating the oldest; about 10 token requests per 10 minutes).
import type { IssuedToken, StoredToken, TokenRenewal, TokenStore } from "./token-store";

/** Refresh a little before the stated expiry so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 60_000;

const fresh = (token: IssuedToken | null | undefined): boolean => !!token && token.expiresAt > Date.now() + EXPIRY_MARGIN_MS;

export class TokenHolder<C> {
  private current: StoredToken | null = null;
  private refreshing: Promise<string> | undefined;

  /**
   * `seed` is the token the credentials came with (used while nothing newer is stored); `issue` asks the
   * CRM for a new token with the given credentials (the stored ones when the store keeps them, else null).
   */
  constructor(
    private readonly store: TokenStore<C>,
    private readonly seed: IssuedToken | null,
    private readonly issue: (credentials: C | null) => Promise<TokenRenewal<C>>,
  ) {}

  /** A token that is still good (this object's, the store's, the credentials'), or a fresh one. */
  async token(): Promise<string> {
    if (this.current && fresh(this.current)) return this.current.accessToken;
    const stored = (await this.store.read()) ?? (this.seed && { ...this.seed, version: 0 });
    if (stored && fresh(stored)) {
      this.current = stored;
      return stored.accessToken;
    }
    return this.refresh(stored?.accessToken);
  }

  /**
   * A better token than `rejected` (the one the CRM just refused, or an expired one). Holding the store's
   * lock: a fresh token that another process stored meanwhile is taken as it is; only when the stored token
   * is still the refused one (or stale) is the CRM asked. Shared by every caller of this object meanwhile.
   */
  refresh(rejected?: string): Promise<string> {
    this.refreshing ??= this.store
      .renew(async ({ stored, credentials }) => (stored && fresh(stored) && stored.accessToken !== rejected ? null : this.issue(credentials)))
      .then((token) => {
        if (!token) throw new Error("the token store kept no token");
        this.current = token;
        return token.accessToken;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }
}
