-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "trace" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "EntityLink" (
    "projectId" TEXT NOT NULL,
    "crm" "CrmKind" NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EntityLink_pkey" PRIMARY KEY ("projectId","crm","kind","key")
);
