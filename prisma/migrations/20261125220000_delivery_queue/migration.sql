-- Delivery moves to a pg-boss queue keyed by client, and the journal makes CRM writes exactly-once.
ALTER TABLE "Integration" ADD COLUMN "concurrency" INTEGER NOT NULL DEFAULT 10;

ALTER TABLE "Event" ADD COLUMN "clientKey" TEXT;

-- Events stored before this migration: the phone is the best identity they have, else their own id.
UPDATE "Event" SET "clientKey" = COALESCE('phone:' || "clientPhone", 'event:' || "id") WHERE "type" <> 'lookup';

-- The delivery claim that read this index is gone (pg-boss claims jobs).
DROP INDEX "Event_status_nextAttemptAt_idx";

CREATE INDEX "Event_projectId_clientKey_occurredAt_idx" ON "Event"("projectId", "clientKey", "occurredAt");

CREATE TABLE "DeliveryStep" (
    "eventId" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "connection" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "crmId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DeliveryStep_pkey" PRIMARY KEY ("eventId","step")
);

ALTER TABLE "DeliveryStep" ADD CONSTRAINT "DeliveryStep_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE TABLE "rate_limits" (
    "key" VARCHAR(255) NOT NULL,
    "points" INTEGER NOT NULL DEFAULT 0,
    "expire" BIGINT,

    CONSTRAINT "rate_limits_pkey" PRIMARY KEY ("key")
);
