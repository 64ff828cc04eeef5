-- OAuth access tokens shared by every process (sealed, renewed under a lock), and the sandbox's
-- record of which refresh token issued each access token (Zoho's per-refresh-token limits).
-- AlterTable
ALTER TABLE "SandboxToken" ADD COLUMN     "parent" TEXT;

-- CreateTable
CREATE TABLE "IntegrationToken" (
    "integrationId" TEXT NOT NULL,
    "accessTokenEncrypted" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "credentialsDigest" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IntegrationToken_pkey" PRIMARY KEY ("integrationId")
);

-- CreateIndex
CREATE INDEX "SandboxToken_parent_createdAt_idx" ON "SandboxToken"("parent", "createdAt");

-- AddForeignKey
ALTER TABLE "IntegrationToken" ADD CONSTRAINT "IntegrationToken_integrationId_fkey" FOREIGN KEY ("integrationId") REFERENCES "Integration"("id") ON DELETE CASCADE ON UPDATE CASCADE;
