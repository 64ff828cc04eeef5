-- A refusal by a process's own configuration (its egress allow-list, the sandbox off there) is kept apart
-- from "broken", which means only that the CRM refused our credentials.
-- AlterTable
ALTER TABLE "Integration" ADD COLUMN     "configError" TEXT,
ADD COLUMN     "configErrorAt" TIMESTAMP(3);
