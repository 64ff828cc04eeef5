-- F19: the caller card a routing answer carries, cached with the owner it found
ALTER TABLE "RoutingCache" ADD COLUMN "card" JSONB;
