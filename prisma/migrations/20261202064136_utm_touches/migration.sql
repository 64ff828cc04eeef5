-- First touch (F8, issue 21): the UTM tags Callbridge last wrote into a CRM record and the time of the event they came from
-- CreateTable
CREATE TABLE "UtmTouch" (
    "projectId" TEXT NOT NULL,
    "crm" "CrmKind" NOT NULL,
    "entityKind" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "values" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "UtmTouch_pkey" PRIMARY KEY ("projectId","crm","entityKind","entityId")
);

-- AddForeignKey
ALTER TABLE "UtmTouch" ADD CONSTRAINT "UtmTouch_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
