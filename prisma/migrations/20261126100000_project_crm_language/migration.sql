-- The language of the names and subjects Callbridge writes into a project's CRM
ALTER TABLE "Project" ADD COLUMN "crmLanguage" TEXT NOT NULL DEFAULT 'en';
