-- The overview's aggregates read the events of a time window by status, type and delivery time from the index alone
DROP INDEX "Event_projectId_receivedAt_idx";
CREATE INDEX "Event_projectId_receivedAt_status_type_deliveredAt_idx" ON "Event"("projectId", "receivedAt", "status", "type", "deliveredAt");
CREATE INDEX "Event_projectId_deliveredAt_idx" ON "Event"("projectId", "deliveredAt");
