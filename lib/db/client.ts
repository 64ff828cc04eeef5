// The one Prisma client of the process. Only lib/db touches Prisma.
import { env } from "@/lib/env";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { createPgAdapter } from "./pg-adapter";

const globalForPrisma = globalThis as unknown as { callbridgePrisma?: PrismaClient };

export function db(): PrismaClient {
  // Kept on globalThis so that dev-mode hot reloads do not open a new pool each time.
  globalForPrisma.callbridgePrisma ??= new PrismaClient({ adapter: createPgAdapter(env().DATABASE_URL) });
  return globalForPrisma.callbridgePrisma;
}

export async function disconnectDb(): Promise<void> {
  await globalForPrisma.callbridgePrisma?.$disconnect();
  globalForPrisma.callbridgePrisma = undefined;
}

export type { Role } from "@/lib/generated/prisma/enums";
