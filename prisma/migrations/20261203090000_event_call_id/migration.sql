-- F19: recordings and summaries name their call, wait for its call log and join its client queue
ALTER TABLE "Event" ADD COLUMN "callId" TEXT;
CREATE INDEX "Event_projectId_callId_idx" ON "Event"("projectId", "callId");
