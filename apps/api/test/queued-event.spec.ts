import type { UnsequencedLabEvent } from '@socklab/contracts';
import { RunEventPublisher, runEventsKey } from '@socklab/db';
import Redis from 'ioredis';
import { RunQueuedAnnouncer } from '../src/queue/run-queued-announcer';
import { connectLive, listen, type LiveClient } from './support/live-client';
import { createWorld, startTestApi, submitRun, type TestApi, type World } from './support/test-api';

const phase = (name: 'building' | 'running' | 'grading' | 'done', t: number): UnsequencedLabEvent => ({
  type: 'phase',
  t,
  phase: name,
});
const labelOf = (client: LiveClient) =>
  client.events.map((m) => `${m.event.seq}:${m.event.type === 'phase' ? m.event.phase : m.event.type}`);

describe('the queued phase event of an accepted submission', () => {
  let api: TestApi;
  let origin: string;
  let world: World;
  let redis: Redis;
  /** Appends events the way the runner does: seq assigned by Redis (XADD 0-*). */
  let runner: RunEventPublisher;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    api = await startTestApi({ SOCKLAB_MAX_INFLIGHT_RUNS: '50', SOCKLAB_LIVE_END_GRACE_MS: '100' });
    origin = await listen(api);
    world = await createWorld(api, 'queued');
    redis = new Redis('redis://127.0.0.1:6379');
    runner = new RunEventPublisher(redis, { prefix: api.config.live.eventsPrefix });
  }, 60_000);
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    redis?.disconnect();
    await api?.close();
  });

  it('a watcher sees queued at seq 0, then the runner’s phases after it without gaps', async () => {
    const runId = await submitRun(api, world.learner.token, world.builtinExerciseId);
    const watcher = await connectLive(origin, world.learner.token);
    clients.push(watcher);
    expect(await watcher.subscribe({ runId })).toMatchObject({ ok: true, status: 'queued' });
    await watcher.until((c) => c.events.length === 1);
    expect(watcher.events[0]).toEqual({ runId, event: { seq: 0, t: 0, type: 'phase', phase: 'queued' } });

    for (const [i, name] of (['building', 'running', 'grading', 'done'] as const).entries())
      await runner.publish(runId, phase(name, i + 1));
    await runner.publish(runId, { type: 'result', t: 5, score: 1, maxScore: 1, gradable: true });
    await watcher.until((c) => c.ends.length === 1);
    expect(labelOf(watcher)).toEqual(['0:queued', '1:building', '2:running', '3:grading', '4:done', '5:result']);
  });

  it('writes nothing when a runner opened the stream first, so queued never follows building', async () => {
    const runId = await submitRun(api, world.learner.token, world.builtinExerciseId);
    const key = runEventsKey(api.config.live.eventsPrefix, runId);
    await redis.del(key); // as if the runner had been first
    await runner.publish(runId, phase('building', 1));
    expect(await api.app.get(RunQueuedAnnouncer).announce(runId)).toBe(false);
    const entries = await redis.xrange(key, '-', '+');
    expect(entries.map(([id, fields]) => [id, JSON.parse(fields[1]).phase])).toEqual([['0-1', 'building']]);
  });

  it('gives up within about a second when Redis does not answer, without throwing', async () => {
    const announcer = new RunQueuedAnnouncer({ ...api.config, redisUrl: 'redis://127.0.0.1:1' });
    const started = Date.now();
    try {
      expect(await announcer.announce('00000000-0000-4000-8000-000000000000')).toBe(false);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      announcer.onApplicationShutdown();
    }
  });
});
