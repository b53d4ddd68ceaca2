import { PrismaPg } from '@prisma/adapter-pg';

import { Prisma, PrismaClient } from './generated/prisma/client';

export { PrismaClient };
/** Handle inside an interactive transaction (`prisma.$transaction(async (tx) => …)`). */
export type Tx = Prisma.TransactionClient;
/** Plain queries run on either the client or a transaction handle. */
export type Db = PrismaClient | Tx;

/**
 * A Prisma Client over node-postgres (Prisma 7's Wasm query compiler; no engine binary).
 * The caller owns it: call `$disconnect()` on shutdown.
 */
export function createPrismaClient(databaseUrl: string, options: { maxConnections?: number } = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.maxConnections ?? 10 });
  return new PrismaClient({ adapter });
}
