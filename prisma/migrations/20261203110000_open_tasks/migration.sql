-- F23: the task a rule last wrote for a client (no second one while it is open in the CRM)
CREATE TABLE "OpenTask" (
    "projectId" TEXT NOT NULL,
    "connection" TEXT NOT NULL,
    "clientKey" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OpenTask_pkey" PRIMARY KEY ("projectId","connection","clientKey","rule")
);

ALTER TABLE "OpenTask" ADD CONSTRAINT "OpenTask_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
