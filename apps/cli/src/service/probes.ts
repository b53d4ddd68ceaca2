/**
 * Does a dependency answer? Each probe gives up quickly (a couple of seconds) and never
 * throws: `socklab serve` decides from the answer whether to start a local instance.
 */
import http from 'node:http';
import { Redis } from 'ioredis';
import { Client } from 'pg';

/** PostgreSQL answers a query on the server of `databaseUrl` (its `postgres` database). */
export async function postgresAnswers(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString(), connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Redis at `redisUrl` answers PING. */
export async function redisAnswers(redisUrl: string): Promise<boolean> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** GET `url` answers with `status` (default 200) within `timeoutMs`; the body is returned. */
export function httpGet(url: string, timeoutMs = 3_000): Promise<{ status: number; body: string } | null> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: timeoutMs }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      response.on('error', () => resolve(null));
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(null));
  });
}

/** Polls `probe` every `everyMs` until it is true; false once `timeoutMs` passed or `stop()` says so. */
export async function waitUntil(
  probe: () => Promise<boolean>,
  timeoutMs: number,
  options: { everyMs?: number; stop?: () => boolean } = {},
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (options.stop?.()) return false;
    if (await probe()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 200));
  }
}

/** Hosts a local instance may be started for: this machine's loopback. */
export function isLoopbackHost(hostname: string): boolean {
  return ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(hostname);
}
