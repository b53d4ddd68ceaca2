import { randomBytes, randomUUID } from 'node:crypto';

import type { LabEvent, UnsequencedLabEvent } from '@socklab/contracts';
import { Redis } from 'ioredis';

import { runEventsKey } from './keys';
import { RunEventPublisher } from './run-event-publisher';
import { RunEventReader } from './run-event-reader';

const REDIS_URL = process.env['SOCKLAB_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('run event stream', () => {
  const prefix = `socklab-test-${randomBytes(4).toString('hex')}:`;
  const connectionName = `run-events-spec-${randomBytes(4).toString('hex')}`;
  let redis: Redis;
  let publisher: RunEventPublisher;
  let reader: RunEventReader;

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { connectionName, lazyConnect: false });
    publisher = new RunEventPublisher(redis, { prefix, maxLen: 1_000, ttlSeconds: 600 });
    reader = new RunEventReader(redis, { prefix, blockMs: 200, retryDelayMs: 50 });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  const output = (chunk: string, t = 1): UnsequencedLabEvent => ({
    type: 'output',
    t,
    stream: 'stdout',
    host: 'client',
    chunk,
  });
  const result: UnsequencedLabEvent = { type: 'result', t: 9, score: 3, maxScore: 5, gradable: true };

  async function collect(
    runId: string,
    options: Parameters<RunEventReader['read']>[1] = {},
  ): Promise<LabEvent[]> {
    const events: LabEvent[] = [];
    for await (const event of reader.read(runId, options)) events.push(event);
    return events;
  }

  it('assigns gapless seqs per run, stores under the prefix, and sets a TTL', async () => {
    const runA = randomUUID();
    const runB = randomUUID();
    const a0 = await publisher.publish(runA, output('a0'));
    const b0 = await publisher.publish(runB, output('b0'));
    const a1 = await publisher.publish(runA, output('a1'));
    expect([a0.seq, a1.seq, b0.seq]).toEqual([0, 1, 0]);
    const key = runEventsKey(prefix, runA);
    expect(key).toBe(`${prefix}run:${runA}:events`);
    expect(await redis.xlen(key)).toBe(2);
    const ttl = await redis.ttl(key);
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
  });

  it('keeps an explicit seq and refuses one that is not after the last', async () => {
    const run = randomUUID();
    await publisher.publish(run, { ...output('x'), seq: 0 });
    expect((await publisher.publish(run, output('y'))).seq).toBe(1);
    await expect(publisher.publish(run, { ...output('dup'), seq: 1 })).rejects.toThrow(/equal or smaller/);
    expect((await publisher.publish(run, output('z'))).seq).toBe(2);
  });

  it('replays history from a seq and ends after the result event', async () => {
    const run = randomUUID();
    for (const chunk of ['a', 'b', 'c']) await publisher.publish(run, output(chunk));
    await publisher.publish(run, result);
    await publisher.publish(run, output('after result'));
    const all = await collect(run);
    expect(all.map((e) => e.seq)).toEqual([0, 1, 2, 3]);
    expect(all.at(-1)).toMatchObject({ type: 'result', score: 3, maxScore: 5, gradable: true });
    const tail = await collect(run, { fromSeq: 2 });
    expect(tail.map((e) => [e.seq, e.type])).toEqual([
      [2, 'output'],
      [3, 'result'],
    ]);
  });

  it('delivers history then live events to a late subscriber, in order', async () => {
    const run = randomUUID();
    await publisher.publish(run, output('early'));
    const reading = collect(run);
    await sleep(100);
    for (let i = 0; i < 20; i++) await publisher.publish(run, output(`live-${i}`, i));
    await publisher.publish(run, result);
    const events = await reading;
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 22 }, (_, i) => i));
    expect(events[1]).toMatchObject({ type: 'output', chunk: 'live-0' });
  });

  it('ends without a result when isFinished reports a terminal run, and on abort', async () => {
    const run = randomUUID();
    await publisher.publish(run, output('only'));
    let asked = 0;
    const finished = await collect(run, { isFinished: async () => ++asked >= 2 });
    expect(finished.map((e) => e.seq)).toEqual([0]);
    expect(asked).toBe(2);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const started = Date.now();
    expect(await collect(randomUUID(), { signal: controller.signal })).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('resumes after its connection is killed without losing or repeating events', async () => {
    const run = randomUUID();
    await publisher.publish(run, output('before'));
    const reading = collect(run);
    await sleep(100);
    await killReaderConnections();
    for (let i = 0; i < 5; i++) await publisher.publish(run, output(`after-${i}`));
    await publisher.publish(run, result);
    const events = await reading;
    expect(events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  /** Kills every connection of this spec except the publisher's (the reader's duplicates share its name). */
  async function killReaderConnections(): Promise<void> {
    const own = await redis.client('ID');
    const list = String(await redis.client('LIST'));
    const ids = list
      .split('\n')
      .filter((line) => line.includes(` name=${connectionName} `))
      .map((line) => /\bid=(\d+)/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined && id !== String(own));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) await redis.client('KILL', 'ID', id);
  }
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
