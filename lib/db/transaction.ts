// Writes that must land together: a caller already inside a transaction passes it on (the config API's PUT
// stores a connection and its configuration at once); otherwise the writes get a transaction of their own.
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./client";

export type Tx = Prisma.TransactionClient;

export const inTransaction = <T>(work: (tx: Tx) => Promise<T>, outer?: Tx): Promise<T> => (outer ? work(outer) : db().$transaction(work));
