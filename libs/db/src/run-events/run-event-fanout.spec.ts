import { randomBytes, randomUUID } from 'node:crypto';

import type { LabEvent, UnsequencedLabEvent } from '@socklab/contracts';
import { Redis } from 'ioredis';

import { runEventsKey } from './keys';
import { RunEventFanout } from './run-event-fanout';
import { RunEventPublisher } from './run-event-publisher';

const REDIS_URL = process.env['SOCKLAB_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('RunEventFanout', () => {
  const prefix = `socklab-test-${randomBytes(4).toString('hex')}:`;
  const connectionName = `fanout-spec-${randomBytes(4).toString('hex')}`;
  let redis: Redis;
  let publisher: RunEventPublisher;
  let fanout: RunEventFanout;
  const invalid: string[] = [];

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { connectionName });
    publisher = new RunEventPublisher(redis, { prefix, ttlSeconds: 600 });
    // A block far longer than any test: live delivery to a new watch must not wait for it.
    fanout = new RunEventFanout(redis, {
      prefix,
      blockMs: 60_000,
      batchSize: 50,
      retryDelayMs: 50,
      onInvalidEntry: (runId, id) => invalid.push(`${runId}/${id}`),
    });
  });
  afterAll(async () => {
    await fanout.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  const output = (chunk: string): UnsequencedLabEvent => ({
    type: 'output',
    t: 1,
    stream: 'stdout',
    host: 'client',
    chunk,
  });

  /** Collects a watch's events; `until` resolves once `count` have arrived. */
  function collector() {
    const events: LabEvent[] = [];
    const waiters: { count: number; resolve: () => void }[] = [];
    return {
      events,
      onEvent: (event: LabEvent) => {
        events.push(event);
        for (const w of waiters.filter((w) => events.length >= w.count)) w.resolve();
      },
      until: (count: number) =>
        new Promise<void>((resolve) => {
          if (events.length >= count) resolve();
          else waiters.push({ count, resolve });
        }),
    };
  }

  it('gives a late watcher the history from its seq, then live events, each once and in order', async () => {
    const run = randomUUID();
    for (let i = 0; i < 120; i++) await publisher.publish(run, output(`h${i}`));
    const fromStart = collector();
    const fromMiddle = collector();
    await fanout.watch(run, 0, fromStart.onEvent);
    await fanout.watch(run, 100, fromMiddle.onEvent);
    expect(fromStart.events.map((e) => e.seq)).toEqual(range(0, 120));
    expect(fromMiddle.events.map((e) => e.seq)).toEqual(range(100, 120));

    for (let i = 0; i < 5; i++) await publisher.publish(run, output(`live${i}`));
    await fromStart.until(125);
    await fromMiddle.until(25);
    expect(fromStart.events.map((e) => e.seq)).toEqual(range(0, 125));
    expect(fromMiddle.events.map((e) => e.seq)).toEqual(range(100, 125));
    expect(fromStart.events[124]).toMatchObject({ type: 'output', chunk: 'live4' });
  });

  it('loses and repeats nothing when events are appended while the history is read', async () => {
    const run = randomUUID();
    for (let i = 0; i < 40; i++) await publisher.publish(run, output(`early${i}`));
    const watcher = collector();
    const writing = (async () => {
      for (let i = 0; i < 200; i++) await publisher.publish(run, output(`racing${i}`));
    })();
    await fanout.watch(run, 0, watcher.onEvent);
    await writing;
    await watcher.until(240);
    expect(watcher.events.map((e) => e.seq)).toEqual(range(0, 240));
  });

  it('delivers to each watcher only the events of the run it watches', async () => {
    const runs = [randomUUID(), randomUUID(), randomUUID()];
    const watchers = runs.map(() => collector());
    await Promise.all(runs.map((run, i) => fanout.watch(run, 0, watchers[i].onEvent)));
    for (let round = 0; round < 3; round++)
      for (const [i, run] of runs.entries()) await publisher.publish(run, output(`run${i}-${round}`));
    await Promise.all(watchers.map((w) => w.until(3)));
    watchers.forEach((w, i) =>
      expect(w.events.map((e) => (e.type === 'output' ? e.chunk : e.type))).toEqual([
        `run${i}-0`,
        `run${i}-1`,
        `run${i}-2`,
      ]),
    );
  });

  it('serves many watches over the same two connections', async () => {
    const before = connectionsNamed(await redis.client('LIST'));
    const runs = Array.from({ length: 30 }, () => randomUUID());
    const watches = await Promise.all(runs.map((run) => fanout.watch(run, 0, () => undefined)));
    expect(connectionsNamed(await redis.client('LIST'))).toBe(before);
    expect(before).toBe(2); // the command connection (shared with the publisher here) and the reader
    watches.forEach((w) => w.close());
  });

  it('stops delivering to a closed watch while the others go on', async () => {
    const run = randomUUID();
    const kept = collector();
    const dropped = collector();
    await fanout.watch(run, 0, kept.onEvent);
    const watch = await fanout.watch(run, 0, dropped.onEvent);
    await publisher.publish(run, output('both'));
    await dropped.until(1);
    watch.close();
    expect(watch.nextSeq).toBe(1);
    await publisher.publish(run, output('kept only'));
    await kept.until(2);
    expect(dropped.events).toHaveLength(1);
  });

  it('skips and reports an entry that is not a LabEvent', async () => {
    const run = randomUUID();
    await publisher.publish(run, output('valid'));
    await redis.xadd(runEventsKey(prefix, run), '0-*', 'event', '{"type":"nonsense"}');
    await publisher.publish(run, output('valid again'));
    const watcher = collector();
    await fanout.watch(run, 0, watcher.onEvent);
    expect(watcher.events.map((e) => e.seq)).toEqual([0, 2]);
    expect(invalid).toEqual([`${run}/0-2`]);
  });

  it('resumes after its reading connection is killed, without losing or repeating events', async () => {
    const run = randomUUID();
    const watcher = collector();
    await fanout.watch(run, 0, watcher.onEvent);
    await publisher.publish(run, output('before'));
    await watcher.until(1);
    const own = String(await redis.client('ID'));
    for (const id of connectionIds(await redis.client('LIST')).filter((id) => id !== own))
      await redis.client('KILL', 'ID', id);
    for (let i = 0; i < 5; i++) await publisher.publish(run, output(`after${i}`));
    await watcher.until(6);
    expect(watcher.events.map((e) => e.seq)).toEqual(range(0, 6));
  });

  function connectionIds(list: unknown): string[] {
    return String(list)
      .split('\n')
      .filter((line) => line.includes(` name=${connectionName} `))
      .map((line) => /\bid=(\d+)/.exec(line)?.[1] ?? '');
  }
  const connectionsNamed = (list: unknown) => connectionIds(list).length;
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
