-- A CRM quota that ran out pauses the project's deliveries until the CRM's reset instead of failing events.
ALTER TABLE "Integration" ADD COLUMN "pausedUntil" TIMESTAMP(3);
ALTER TABLE "Integration" ADD COLUMN "pauseReason" TEXT;

-- No event is ever failed or dead without a reason an admin can read (rows from before get one that says so).
UPDATE "Event" SET "reason" = 'failed: no reason was recorded' WHERE "status" IN ('failed', 'dead') AND ("reason" IS NULL OR btrim("reason") = '');
ALTER TABLE "Event" ADD CONSTRAINT "Event_failure_has_reason" CHECK ("status" NOT IN ('failed', 'dead') OR ("reason" IS NOT NULL AND btrim("reason") <> ''));
