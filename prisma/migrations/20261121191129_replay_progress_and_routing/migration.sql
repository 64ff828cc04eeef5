-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "clientPhone" TEXT;

-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "replaySince" TIMESTAMP(3),
ADD COLUMN     "replayStartedAt" TIMESTAMP(3),
ADD COLUMN     "replayTotal" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "RoutingCache" (
    "projectId" TEXT NOT NULL,
    "crm" "CrmKind" NOT NULL,
    "phone" TEXT NOT NULL,
    "entityKind" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "ownerEmail" TEXT NOT NULL,
    "checkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoutingCache_pkey" PRIMARY KEY ("projectId","crm","phone")
);

-- CreateIndex
CREATE INDEX "Event_projectId_clientPhone_occurredAt_idx" ON "Event"("projectId", "clientPhone", "occurredAt");
