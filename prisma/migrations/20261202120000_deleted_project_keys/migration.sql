-- The keys of deleted projects, so their webhooks answer 404 on every process (not 401 like an unknown key).
-- CreateTable
CREATE TABLE "DeletedProjectKey" (
    "key" TEXT NOT NULL,
    "deletedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DeletedProjectKey_pkey" PRIMARY KEY ("key")
);
