import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, type TestDatabase } from '@socklab/db';
import Redis from 'ioredis';
import request from 'supertest';
import { loadApiConfig, type ApiConfig } from '../config/env';
import { createApiApp } from '../create-app';
import type { DependencyProbe } from './dependency-probe';
import { PostgresProbe } from './postgres-probe';
import { RedisProbe } from './redis-probe';

// The app applies migrations and opens its queue at boot: give it a fresh database and a
// queue prefix of its own.
const queuePrefix = `socklab-test-${process.pid}-health`;
let database: TestDatabase;
let config: ApiConfig;
beforeAll(async () => {
  database = await createTestDatabase({ migrated: false });
  config = loadApiConfig({
    DATABASE_URL: database.url,
    SOCKLAB_QUEUE_PREFIX: queuePrefix,
  });
}, 60_000);
afterAll(async () => {
  await database?.drop();
  // The queue writes its meta key on connect; leave nothing under this test's prefix.
  const redis = new Redis('redis://127.0.0.1:6379');
  const keys = await redis.keys(`${queuePrefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

function probe(name: string, healthy: boolean): DependencyProbe {
  return {
    name,
    check: async () => {
      if (!healthy) throw new Error(`${name} refused the connection`);
    },
  };
}

describe('operations endpoints', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('/healthz answers while the process is alive', async () => {
    app = await createApiApp(config, { probes: [probe('postgres', false)], logger: false });
    await app.init();
    await request(app.getHttpServer()).get('/healthz').expect(200, { status: 'ok' });
  });

  it('/readyz is 200 when every dependency answers', async () => {
    app = await createApiApp(config, {
      probes: [probe('postgres', true), probe('redis', true)],
      logger: false,
    });
    await app.init();
    const res = await request(app.getHttpServer()).get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready', checks: { postgres: { ok: true }, redis: { ok: true } } });
  });

  it('/readyz is 503 and names the dependency that did not answer', async () => {
    app = await createApiApp(config, {
      probes: [probe('postgres', true), probe('redis', false)],
      logger: false,
    });
    await app.init();
    const res = await request(app.getHttpServer()).get('/readyz').expect(503);
    expect(res.body.status).toBe('not-ready');
    expect(res.body.checks.redis).toEqual({ ok: false, error: 'redis refused the connection' });
  });

  it('unknown routes get the error envelope with a stable code', async () => {
    app = await createApiApp(config, { probes: [], logger: false });
    await app.init();
    const res = await request(app.getHttpServer()).get('/api/v1/no-such-thing').expect(404);
    expect(res.body.error.code).toBe('route/not-found');
    expect(typeof res.body.error.message).toBe('string');
  });

  it('serves the OpenAPI document at /api/docs-json', async () => {
    app = await createApiApp(config, { probes: [], logger: false });
    await app.init();
    const res = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz']));
  });
});

describe('dependency probes against this machine', () => {
  it('PostgreSQL at the configured address answers', async () => {
    const pg = new PostgresProbe('postgresql://postgres@127.0.0.1:5432/postgres');
    await expect(pg.check()).resolves.toBeUndefined();
    await pg.close();
  });

  it('Redis at the configured address answers', async () => {
    const redis = new RedisProbe('redis://127.0.0.1:6379');
    await expect(redis.check()).resolves.toBeUndefined();
    await redis.close();
  });

  it('a closed port is reported, not hung on', async () => {
    const redis = new RedisProbe('redis://127.0.0.1:1');
    await expect(redis.check()).rejects.toThrow();
    await redis.close();
  });
});
