-- Incidents per project and kind, and the outbox of every mail sent
CREATE TABLE "AlertState" (
    "projectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "openSince" TIMESTAMP(3),
    "detail" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertState_pkey" PRIMARY KEY ("projectId","kind")
);

CREATE TABLE "OutboxMail" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "to" TEXT[],
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "OutboxMail_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "OutboxMail_projectId_createdAt_idx" ON "OutboxMail"("projectId", "createdAt");

ALTER TABLE "AlertState" ADD CONSTRAINT "AlertState_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "OutboxMail" ADD CONSTRAINT "OutboxMail_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
