/**
 * A private corner of this machine's PostgreSQL and Redis for one test file: a fresh
 * database (migrated by `socklab serve` itself), BullMQ and event-stream key prefixes of
 * its own, a private var folder. `close()` drops and deletes all of it.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '@socklab/db';
import { Redis } from 'ioredis';

export const REDIS_URL = 'redis://127.0.0.1:6379';

export class ServiceEnvironment {
  private constructor(
    readonly database: TestDatabase,
    readonly prefix: string,
    readonly varDir: string,
  ) {}

  static async create(): Promise<ServiceEnvironment> {
    const database = await createTestDatabase({ migrated: false });
    const prefix = `socklab-test-${randomBytes(5).toString('hex')}`;
    const varDir = await mkdtemp(path.join(tmpdir(), 'socklab-serve-'));
    await chmod(varDir, 0o755); // a project-local PostgreSQL runs as the postgres account
    return new ServiceEnvironment(database, prefix, varDir);
  }

  /** What serve and its processes need to use this corner. */
  get env(): NodeJS.ProcessEnv {
    return {
      DATABASE_URL: this.database.url,
      REDIS_URL,
      SOCKLAB_QUEUE_PREFIX: this.prefix,
      SOCKLAB_EVENTS_PREFIX: `${this.prefix}:`,
      SOCKLAB_LOG_LEVEL: 'warn',
    };
  }

  async close(): Promise<void> {
    await deleteKeys(`${this.prefix}*`);
    await this.database.drop();
    await rm(this.varDir, { recursive: true, force: true });
  }
}

/** SCAN + DEL of one pattern (never FLUSH: the Redis is shared). */
export async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
