// Pipedrive spends tokens from a daily budget of 30,000 × plan multiplier × seats; each endpoint has its
// own token cost, and a search costs 40 (https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting).
// The overview shows the guaranteed part (one seat, lowest plan) and what the searches alone spent.
export const PIPEDRIVE_DAILY_TOKENS_PER_SEAT = 30_000;
export const PIPEDRIVE_SEARCH_TOKENS = 40;
