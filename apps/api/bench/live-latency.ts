/**
 * Live event latency, publisher → socket.io client, with many watchers (issue 7: p99 ≤ 50 ms
 * with 200 connected watchers). Boots the API on a throwaway database, opens WATCHERS
 * socket.io clients spread over RUNS runs, publishes EVENTS events per run the way a
 * runner does (RunEventPublisher), and prints the latency distribution measured at the
 * clients. Publisher, API and clients share this one process and event loop, so the
 * figures are an upper bound of what separate processes would see.
 *
 *   node -r @swc-node/register apps/api/bench/live-latency.ts   (or: npx nx bench api)
 *   WATCHERS=200 RUNS=100 EVENTS=40 RATE=200 (events/s over all runs) are the defaults.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { LIVE_NAMESPACE, type LiveClientEvents, type LiveServerEvents } from '@socklab/contracts';
import { createTestDatabase, RunEventPublisher, RunRepo } from '@socklab/db';
import Redis from 'ioredis';
import { io, type Socket } from 'socket.io-client';
import { bootstrapTenant } from '../src/bootstrap';
import { loadApiConfig } from '../src/config/env';
import { createApiApp } from '../src/create-app';
import { PRISMA } from '../src/database/database.module';
import type { PrismaClient } from '@socklab/db';

const WATCHERS = Number(process.env['WATCHERS'] ?? 200);
const RUNS = Number(process.env['RUNS'] ?? 100);
const EVENTS = Number(process.env['EVENTS'] ?? 40);
const RATE = Number(process.env['RATE'] ?? 200);
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<void> {
  const database = await createTestDatabase({ migrated: false });
  const prefix = `socklab-bench-${randomBytes(4).toString('hex')}`;
  const config = loadApiConfig({
    DATABASE_URL: database.url,
    REDIS_URL,
    SOCKLAB_QUEUE_PREFIX: prefix,
    SOCKLAB_EVENTS_PREFIX: `${prefix}:events:`,
    SOCKLAB_OUTBOX_INTERVAL_MS: '0',
    SOCKLAB_RECONCILE_INTERVAL_MS: '0',
  });
  const app = await createApiApp(config, { probes: [], logger: false });
  await app.listen(0, '127.0.0.1');
  const origin = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const redis = new Redis(REDIS_URL);
  const clients: Socket<LiveServerEvents, LiveClientEvents>[] = [];
  try {
    const prisma = app.get<PrismaClient>(PRISMA);
    const boot = await bootstrapTenant(prisma, { tenantName: 'Bench', email: 'bench@socklab.test' });
    const scope = { tenantId: boot.tenant.id };
    const version = await prisma.exerciseVersion.findFirstOrThrow({ where: { tenantId: scope.tenantId } });
    const runIds: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { run } = await new RunRepo(prisma).createWithSubmission(scope, {
        userId: boot.owner.id,
        exerciseVersionId: version.id,
        language: 'python',
        files: [{ name: 'main.py', content: 'pass\n' }],
      });
      runIds.push(run.id);
    }

    const latencies: number[] = [];
    let received = 0;
    const connectStarted = performance.now();
    await Promise.all(
      Array.from({ length: WATCHERS }, async (_, i) => {
        const socket: Socket<LiveServerEvents, LiveClientEvents> = io(`${origin}${LIVE_NAMESPACE}`, {
          auth: { token: boot.apiToken.token },
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
        });
        clients.push(socket);
        socket.on('run:event', ({ event }) => {
          received++;
          if (event.type === 'output') latencies.push(performance.now() - Number(event.chunk));
        });
        await new Promise<void>((resolve, reject) => {
          socket.once('connect', () => resolve());
          socket.once('connect_error', reject);
        });
        const ack = await socket.timeout(10_000).emitWithAck('subscribe', { runId: runIds[i % RUNS] });
        if (!ack.ok) throw new Error(`subscribe refused: ${ack.error.code}`);
      }),
    );
    const connectMs = performance.now() - connectStarted;

    const publisher = new RunEventPublisher(redis, { prefix: config.live.eventsPrefix });
    const total = RUNS * EVENTS;
    const gapMs = 1000 / RATE;
    const started = performance.now();
    for (let n = 0; n < total; n++) {
      const due = started + n * gapMs;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      void publisher.publish(runIds[n % RUNS], {
        type: 'output',
        t: n,
        stream: 'stdout',
        host: 'client',
        chunk: String(performance.now()),
      });
    }
    const expected = total * (WATCHERS / RUNS);
    const deadline = performance.now() + 30_000;
    while (received < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const seconds = (performance.now() - started) / 1000;

    latencies.sort((a, b) => a - b);
    console.log(`live-latency: ${WATCHERS} watchers on ${RUNS} runs, ${total} events published at ${RATE}/s`);
    console.log(`  connect + subscribe all watchers: ${connectMs.toFixed(0)} ms`);
    console.log(`  delivered ${received}/${expected} events to watchers in ${seconds.toFixed(2)} s`);
    console.log(
      `  latency publish → client: p50 ${percentile(latencies, 50).toFixed(2)} ms, p95 ${percentile(latencies, 95).toFixed(2)} ms, ` +
        `p99 ${percentile(latencies, 99).toFixed(2)} ms, max ${latencies[latencies.length - 1].toFixed(2)} ms`,
    );
  } finally {
    for (const socket of clients) socket.disconnect();
    await app.close();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
    redis.disconnect();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
