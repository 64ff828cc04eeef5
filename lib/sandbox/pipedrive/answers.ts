// What every Pipedrive sandbox route shares: the call, the vendor's envelopes and errors, stored rows,
// and v2's cursor paging.
import { getSandboxRecord, listSandboxRecords } from "@/lib/db/queries/sandbox";
import type { SandboxAccountRow as SandboxAccount } from "@/lib/db/queries/sandbox";
import type { SandboxRequest } from "../context";
import { json } from "../http";
import { readCompany } from "./company";

export interface PipedriveCall extends SandboxRequest {
  account: SandboxAccount;
}

export type Entity = Record<string, unknown> & { id: number | string };

export const pdError = (status: number, error: string, extra: Record<string, unknown> = {}) =>
  json({ success: false, error, error_info: "Please check developers.pipedrive.com", data: null, additional_data: null, ...extra }, status);
export const notFound = (what: string) => pdError(404, `${what} not found`);
export const validation = (message: string) => pdError(400, `Validation failed: ${message}`, { code: "ERR_SCHEMA_VALIDATION_FAILED" });
export const ok = (data: unknown, additional: Record<string, unknown> | null = null, status = 200) => json({ success: true, data, additional_data: additional }, status);

export const pdTime = (date = new Date()) => date.toISOString().slice(0, 19).replace("T", " ");
export const asId = (value: unknown) => (value === undefined || value === null || value === "" ? null : Number(value));

/** In id order, as the vendor lists them (seeded rows share one creation time). */
export async function rows(call: PipedriveCall, module: string): Promise<Entity[]> {
  const entities = (await listSandboxRecords(call.account.id, module)).map((row) => row.data as Entity);
  return entities.sort((a, b) => (typeof a.id === "number" && typeof b.id === "number" ? a.id - b.id : 0));
}
export async function one(call: PipedriveCall, module: string, id: unknown): Promise<Entity | null> {
  if (id === null || id === undefined) return null;
  return ((await getSandboxRecord(call.account.id, module, String(id)))?.data as Entity | undefined) ?? null;
}
export const users = (call: PipedriveCall) => rows(call, "users");

/** Seats of the company's plan: its active users. */
export const activeSeats = async (accountId: string) => (await listSandboxRecords(accountId, "users")).filter((row) => (row.data as Entity).active_flag !== false).length || 1;

/** The user the calling token belongs to: the one the company state names, else the first admin. */
export async function tokenUser(call: PipedriveCall): Promise<Entity> {
  const all = await users(call);
  const { tokenUserId } = await readCompany(call.account.id, () => activeSeats(call.account.id));
  return all.find((user) => user.id === tokenUserId) ?? all.find((user) => Number(user.is_admin) === 1) ?? all[0]!;
}

/**
 * Deleted persons, organizations and deals stay readable for 30 days (`is_deleted: true` in v2), then
 * they are gone: https://developers.pipedrive.com/changelog/post/permanent-deletion-logic-for-6-core-entities
 */
export const DELETED_KEPT_MS = 30 * 24 * 3_600_000;
export const isDeleted = (entity: Entity) => entity.is_deleted === true;
export const purged = (entity: Entity, now = Date.now()) => isDeleted(entity) && typeof entity.delete_time === "string" && now - Date.parse(entity.delete_time) > DELETED_KEPT_MS;

const MAX_V2_LIMIT = 500;
const DEFAULT_V2_LIMIT = 100;

/**
 * One page of a v2 list: `limit` (1–500, default 100) and an opaque `cursor`; `next_cursor` is null on
 * the last page, as https://pipedrive.readme.io/docs/core-api-concepts-pagination describes.
 */
export function pageOf<T>(call: PipedriveCall, items: T[]): { page: T[]; next: string | null } | Response {
  const params = call.url.searchParams;
  const limit = Number(params.get("limit") ?? DEFAULT_V2_LIMIT);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_V2_LIMIT) return validation(`limit: must be an integer between 1 and ${MAX_V2_LIMIT}`);
  const cursor = params.get("cursor");
  const start = cursor ? Number(Buffer.from(cursor, "base64url").toString("utf8").replace(/^offset:/, "")) : 0;
  if (!Number.isInteger(start) || start < 0) return validation("cursor: not a cursor this list gave out");
  return { page: items.slice(start, start + limit), next: start + limit < items.length ? Buffer.from(`offset:${start + limit}`).toString("base64url") : null };
}

/** A v2 list answer: the page as `data`, the next cursor in `additional_data`. */
export function cursorPage(call: PipedriveCall, items: unknown[], wrap: (page: unknown[]) => unknown = (page) => page): Response {
  const paged = pageOf(call, items);
  return paged instanceof Response ? paged : ok(wrap(paged.page), { next_cursor: paged.next });
}
