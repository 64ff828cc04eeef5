-- Sessions carry the user's session version: sign-out, a password change and a role change bump it,
-- which ends every session signed in before.
ALTER TABLE "User" ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;
