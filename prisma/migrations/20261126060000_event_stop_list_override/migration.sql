-- An admin sent a stop-listed call again on purpose: the delivery does not re-apply the stop-list to it
ALTER TABLE "Event" ADD COLUMN "sendDespiteStopList" BOOLEAN NOT NULL DEFAULT false;
