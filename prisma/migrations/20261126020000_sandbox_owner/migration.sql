-- Sandbox accounts belong to a project: only that project's admins see and control them.
-- Accounts without a project are the standalone sandbox server's (tests, benchmarks).
ALTER TABLE "SandboxAccount" ADD COLUMN "projectId" TEXT;
ALTER TABLE "SandboxAccount" ADD CONSTRAINT "SandboxAccount_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
CREATE INDEX "SandboxAccount_projectId_idx" ON "SandboxAccount"("projectId");
-- An existing demo keeps the accounts it is connected to: the shared default ones become the demo project's.
UPDATE "SandboxAccount" SET "projectId" = (SELECT id FROM "Project" WHERE key = 'demo') WHERE name = 'default';
