import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, deleteKeysMatching, type TestDatabase } from '@socklab/db';
import Redis from 'ioredis';
import { ChildService } from './child-service';
import { ARTIFACTS_DIR } from './paths';

const REDIS_URL = 'redis://127.0.0.1:6379';

export interface SocklabService<T> {
  /** Where the API serves the portal and the API, e.g. http://127.0.0.1:41234. */
  baseUrl: string;
  /** What `seed` returned. */
  seeded: T;
  stop(): Promise<void>;
}

/**
 * The whole service for one test file: a fresh database (filled by `seed` before the API
 * starts), the API serving `portalDir`, one runner, and queue and event-stream prefixes no
 * one else uses. `stop()` ends the processes and removes the database, the Redis keys and
 * the files it created.
 */
export async function startSocklabService<T>(
  portalDir: string,
  seed: (databaseUrl: string) => Promise<T>,
): Promise<SocklabService<T>> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const database: TestDatabase = await createTestDatabase({ migrated: true });
  const scratch = await mkdtemp(path.join(tmpdir(), 'socklab-portal-e2e-var-'));
  const id = randomBytes(5).toString('hex');
  const port = await freePort();
  const shared = {
    DATABASE_URL: database.url,
    REDIS_URL,
    SOCKLAB_QUEUE_PREFIX: `socklab-e2e-${id}`,
    SOCKLAB_EVENTS_PREFIX: `socklab-e2e-${id}:`,
    SOCKLAB_ARTIFACT_DIR: path.join(scratch, 'artifacts'),
    SOCKLAB_LOG_LEVEL: 'warn',
  };
  const services: ChildService[] = [];
  const stop = async () => {
    await Promise.all(services.map((s) => s.stop()));
    const redis = new Redis(REDIS_URL);
    await deleteKeysMatching(redis, `socklab-e2e-${id}*`).finally(() => redis.disconnect());
    await database.drop();
    await rm(scratch, { recursive: true, force: true });
  };
  try {
    const seeded = await seed(database.url);
    const api = ChildService.start(
      'API',
      'apps/api/src/main.ts',
      {
        ...shared,
        SOCKLAB_API_HOST: '127.0.0.1',
        SOCKLAB_API_PORT: String(port),
        SOCKLAB_PORTAL_DIR: portalDir,
        SOCKLAB_SESSION_SECRET: randomBytes(32).toString('hex'),
        SOCKLAB_MIGRATE_ON_BOOT: 'false',
        SOCKLAB_OUTBOX_INTERVAL_MS: '200',
      },
      path.join(ARTIFACTS_DIR, 'api.log'),
    );
    services.push(api);
    const runner = ChildService.start(
      'runner',
      'apps/runner/src/main.ts',
      {
        ...shared,
        SOCKLAB_RUNNER_WORK_DIR: path.join(scratch, 'runner'),
        SOCKLAB_RUNNER_METRICS_PORT: '0',
        SOCKLAB_RUNNER_ID: `portal-e2e-${id}`,
        SOCKLAB_RUNNER_SHUTDOWN_GRACE_MS: '2000',
      },
      path.join(ARTIFACTS_DIR, 'runner.log'),
    );
    services.push(runner);
    const baseUrl = `http://127.0.0.1:${port}`;
    await api.waitUntil(async () => (await fetch(`${baseUrl}/readyz`).catch(() => null))?.ok === true, 120_000);
    await runner.waitUntil((output) => output.includes('consuming lab-runs'), 120_000);
    return { baseUrl, seeded, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
