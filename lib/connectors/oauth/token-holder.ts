// One access token per connection, refreshed at most once at a time: every CRM limits live tokens per
// grant (Zoho: 30 per refresh token), so concurrent calls that find it expired share one refresh.
export interface IssuedToken {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** Refresh a little before the stated expiry so a token never dies in flight. */
const EXPIRY_MARGIN_MS = 60_000;

export class TokenHolder {
  private refreshing: Promise<string> | undefined;

  /** `issue` asks the CRM for a new token (and stores whatever else the answer changed). */
  constructor(
    private current: IssuedToken | null,
    private readonly issue: () => Promise<IssuedToken>,
  ) {}

  /** A token that is still good, or a fresh one. */
  token(): Promise<string> {
    if (this.current && this.current.expiresAt > Date.now() + EXPIRY_MARGIN_MS) return Promise.resolve(this.current.accessToken);
    return this.refresh();
  }

  /** A new token now (after a 401), shared by every caller that asks while it is on its way. */
  refresh(): Promise<string> {
    this.refreshing ??= this.issue()
      .then((issued) => {
        this.current = issued;
        return issued.accessToken;
      })
      .finally(() => {
        this.refreshing = undefined;
      });
    return this.refreshing;
  }
}
