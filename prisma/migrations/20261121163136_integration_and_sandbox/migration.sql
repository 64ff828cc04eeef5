-- CreateEnum
CREATE TYPE "CrmKind" AS ENUM ('zoho', 'pipedrive');

-- CreateEnum
CREATE TYPE "IntegrationStatus" AS ENUM ('active', 'inactive', 'broken');

-- CreateTable
CREATE TABLE "Integration" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "crm" "CrmKind" NOT NULL,
    "status" "IntegrationStatus" NOT NULL DEFAULT 'inactive',
    "credentialsEncrypted" TEXT NOT NULL,
    "account" JSONB,
    "lastError" TEXT,
    "brokenAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Integration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OAuthState" (
    "state" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OAuthState_pkey" PRIMARY KEY ("state")
);

-- CreateTable
CREATE TABLE "SandboxAccount" (
    "id" TEXT NOT NULL,
    "crm" "CrmKind" NOT NULL,
    "name" TEXT NOT NULL,
    "credentials" JSONB NOT NULL,
    "faults" JSONB NOT NULL DEFAULT '{}',
    "nextId" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SandboxAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SandboxToken" (
    "token" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SandboxToken_pkey" PRIMARY KEY ("token")
);

-- CreateTable
CREATE TABLE "SandboxRecord" (
    "accountId" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SandboxRecord_pkey" PRIMARY KEY ("accountId","module","id")
);

-- CreateTable
CREATE TABLE "SandboxFile" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "content" BYTEA,
    "link" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SandboxFile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Integration_projectId_key" ON "Integration"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "SandboxAccount_crm_name_key" ON "SandboxAccount"("crm", "name");

-- CreateIndex
CREATE INDEX "SandboxToken_accountId_kind_idx" ON "SandboxToken"("accountId", "kind");

-- CreateIndex
CREATE INDEX "SandboxFile_accountId_module_recordId_idx" ON "SandboxFile"("accountId", "module", "recordId");

-- AddForeignKey
ALTER TABLE "Integration" ADD CONSTRAINT "Integration_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SandboxToken" ADD CONSTRAINT "SandboxToken_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "SandboxAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SandboxRecord" ADD CONSTRAINT "SandboxRecord_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "SandboxAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SandboxFile" ADD CONSTRAINT "SandboxFile_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "SandboxAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
