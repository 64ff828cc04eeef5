-- F19 (issue 22): the phases of a call delivered so far and what they wrote
-- CreateTable
CREATE TABLE "LiveCall" (
    "projectId" TEXT NOT NULL,
    "callId" TEXT NOT NULL,
    "connection" TEXT NOT NULL,
    "phases" TEXT[],
    "entities" JSONB NOT NULL DEFAULT '{}',
    "callLogId" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LiveCall_pkey" PRIMARY KEY ("projectId","callId","connection")
);

-- AddForeignKey
ALTER TABLE "LiveCall" ADD CONSTRAINT "LiveCall_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
