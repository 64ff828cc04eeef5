// Delivery jobs written by the same SQL statement as their events: the webhook's one round trip.
// Each round trip of the ingest transaction (BEGIN, events, pg-boss's insert, COMMIT) waits for a turn
// of a busy event loop, and those waits, not the database, bounded webhook throughput. pg-boss documents
// its job table for direct INSERTs (docs/sql/job-table.md); like pg-boss's own insert, the queue's
// settings come from its row, and a NOTIFY on pg-boss's channel for the schema, sent only when a job
// was written, wakes the workers at commit. job-rows-sql.test.ts holds both to pg-boss's own insert.
import { DELIVERY_QUEUE, JOB_SCHEMA } from "./boss";

/** One job row per queued event, as the statement's JSON parameter carries it. */
export interface JobRow {
  eventId: string;
  id: string;
  singletonKey: string;
  groupId: string;
  groupTier: string;
  /** Links the delivery's span to the storing request's (absent when not traced). */
  traceparent?: string;
}

/** pg-boss's LISTEN channel for a schema (its notifier listens on this name). */
export const NOTIFY_CHANNEL_SQL = `'pgboss_' || left(encode(sha224('${JOB_SCHEMA}'::bytea), 'hex'), 24)`;

/**
 * CTEs to follow `WITH <events> AS (INSERT … RETURNING id, "projectId")`: a job for every row of
 * `events` that has one in `$<param>` (events stored before, or stored as skipped, have none), and
 * `job_notify`, which the statement must read (e.g. `(SELECT count(*) FROM job_notify)`) to send it.
 */
export function jobRowsCte(events: string, param: number): string {
  return `job_queue AS (SELECT * FROM ${JOB_SCHEMA}.queue WHERE name = '${DELIVERY_QUEUE}'),
  job_rows AS (
    INSERT INTO ${JOB_SCHEMA}.job (id, name, data, priority, start_after, created_on, singleton_key, group_id, group_tier,
      expire_seconds, deletion_seconds, keep_until, retry_limit, retry_delay, retry_backoff, retry_delay_max, policy, dead_letter, heartbeat_seconds)
    SELECT j.id, q.name, jsonb_strip_nulls(jsonb_build_object('eventId', e.id, 'projectId', e."projectId", 'traceparent', j.traceparent)), 0, now(), now(), j."singletonKey", j."groupId", j."groupTier",
      q.expire_seconds, q.deletion_seconds, now() + q.retention_seconds * interval '1s', q.retry_limit, q.retry_delay, q.retry_backoff, q.retry_delay_max, q.policy, q.dead_letter, q.heartbeat_seconds
    FROM json_to_recordset($${param}::json) AS j("eventId" text, id uuid, "singletonKey" text, "groupId" text, "groupTier" text, traceparent text)
    JOIN ${events} e ON e.id = j."eventId"
    CROSS JOIN job_queue q
    ON CONFLICT DO NOTHING
    RETURNING 1
  ),
  job_notify AS (SELECT pg_notify(${NOTIFY_CHANNEL_SQL}, '${DELIVERY_QUEUE}') FROM (SELECT 1 FROM job_rows LIMIT 1) written)`;
}
