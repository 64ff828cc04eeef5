-- The client's e-mail of an event, for the Events page's search (events stored before keep none)
ALTER TABLE "Event" ADD COLUMN "clientEmail" TEXT;
CREATE INDEX "Event_projectId_clientEmail_idx" ON "Event"("projectId", "clientEmail");
-- Events keyed by their client's e-mail already name it
UPDATE "Event" SET "clientEmail" = substring("clientKey" from 7) WHERE "clientKey" LIKE 'email:%';
