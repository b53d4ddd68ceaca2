import type { UnsequencedLabEvent } from '@socklab/contracts';
import { ApiTokenRepo, RunEventPublisher } from '@socklab/db';
import Redis from 'ioredis';
import request from 'supertest';
import { connectLive, listen, refusedHandshake, type LiveClient } from './support/live-client';
import {
  bearer,
  createWorld,
  submitRun,
  startTestApi,
  type Member,
  type TestApi,
  type World,
} from './support/test-api';

const output = (chunk: string): UnsequencedLabEvent => ({
  type: 'output',
  t: 1,
  stream: 'stdout',
  host: 'client',
  chunk,
});
const result: UnsequencedLabEvent = { type: 'result', t: 2, score: 1, maxScore: 1, gradable: true };
/** What a watcher saw of one run: an output's chunk, `phase:<name>`, or the event type. */
const chunks = (client: LiveClient, runId: string) =>
  client.events
    .filter((m) => m.runId === runId)
    .map((m) =>
      m.event.type === 'output'
        ? m.event.chunk
        : m.event.type === 'phase'
          ? `phase:${m.event.phase}`
          : m.event.type,
    );
const seqs = (client: LiveClient) => client.events.map((m) => m.event.seq);
/**
 * The API opens every accepted run's stream with this event at seq 0 (RunQueuedAnnouncer),
 * so the events these tests publish the runner's way (`XADD 0-*`) follow from seq 1.
 */
const queuedEvent = (runId: string) => ({ runId, event: { seq: 0, t: 0, type: 'phase', phase: 'queued' } });

describe('live run events over socket.io', () => {
  let api: TestApi;
  let origin: string;
  let world: World;
  let other: World;
  let redis: Redis;
  let publisher: RunEventPublisher;
  const clients: LiveClient[] = [];

  const submit = (member: Member, exerciseId: string) => submitRun(api, member.token, exerciseId);
  const connect = async (token: string | undefined) => {
    const client = await connectLive(origin, token);
    clients.push(client);
    return client;
  };
  const publish = async (runId: string, ...events: UnsequencedLabEvent[]) => {
    for (const event of events) await publisher.publish(runId, event);
  };

  beforeAll(async () => {
    api = await startTestApi({ SOCKLAB_MAX_INFLIGHT_RUNS: '50', SOCKLAB_LIVE_END_GRACE_MS: '100' });
    origin = await listen(api);
    world = await createWorld(api, 'alpha');
    other = await createWorld(api, 'beta');
    redis = new Redis('redis://127.0.0.1:6379');
    publisher = new RunEventPublisher(redis, { prefix: api.config.live.eventsPrefix });
  }, 60_000);
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    redis?.disconnect();
    await api?.close();
  });

  describe('handshake', () => {
    it('refuses a connection without a token, with an unknown one, and with one lacking runs:read', async () => {
      expect(await refusedHandshake(origin, undefined)).toMatchObject({ code: 'auth/unauthenticated' });
      expect(await refusedHandshake(origin, 'slk_nonsense')).toMatchObject({ code: 'auth/invalid-token' });
      const { token } = await new ApiTokenRepo(api.prisma).create(
        { tenantId: world.tenant.id },
        { userId: world.learner.userId, name: 'exercises only', scopes: ['exercises:read'] },
      );
      expect(await refusedHandshake(origin, token)).toMatchObject({ code: 'auth/insufficient-scope' });
    });

    it('admits a session and an API token with runs:read', async () => {
      await connect(world.learner.token);
      await connect(world.ownerApiToken);
    });
  });

  describe('subscribe', () => {
    it('sends the history, then live events in order with their seq, then run:end after the result', async () => {
      const runId = await submit(world.learner, world.builtinExerciseId);
      await publish(runId, output('h0'), output('h1'), output('h2'));
      const learner = await connect(world.learner.token);
      expect(await learner.subscribe({ runId })).toEqual({ ok: true, runId, fromSeq: 0, status: 'queued' });
      await learner.until((c) => c.events.length >= 4);
      expect(learner.events[0]).toEqual(queuedEvent(runId));
      expect(chunks(learner, runId)).toEqual(['phase:queued', 'h0', 'h1', 'h2']);
      await publish(runId, output('l0'), output('l1'), result);
      await learner.until((c) => c.ends.length === 1);
      expect(chunks(learner, runId)).toEqual(['phase:queued', 'h0', 'h1', 'h2', 'l0', 'l1', 'result']);
      expect(seqs(learner)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(learner.ends).toEqual([{ runId, reason: 'result' }]);
    });

    it('resumes after a reconnect from the last seq seen, losing and repeating nothing', async () => {
      const runId = await submit(world.learner, world.builtinExerciseId);
      await publish(runId, output('a'), output('b'));
      const first = await connect(world.learner.token);
      await first.subscribe({ runId });
      await first.until((c) => c.events.length >= 3);
      expect(chunks(first, runId)).toEqual(['phase:queued', 'a', 'b']);
      first.close();
      await publish(runId, output('while away 1'), output('while away 2'));

      const lastSeen = first.events.at(-1)?.event.seq ?? -1;
      const second = await connect(world.learner.token);
      expect(await second.subscribe({ runId, fromSeq: lastSeen + 1 })).toMatchObject({
        ok: true,
        fromSeq: 3,
      });
      await publish(runId, output('live again'), result);
      await second.until((c) => c.ends.length === 1);
      expect(chunks(second, runId)).toEqual(['while away 1', 'while away 2', 'live again', 'result']);
      expect(seqs(second)).toEqual([3, 4, 5, 6]);
    });

    it('lets instructors and owners watch any run of their tenant', async () => {
      const runId = await submit(world.learner, world.builtinExerciseId);
      await publish(runId, output('for staff'));
      for (const token of [world.instructor.token, world.owner.token, world.ownerApiToken]) {
        const staff = await connect(token);
        expect(await staff.subscribe({ runId })).toMatchObject({ ok: true });
        await staff.until((c) => c.events.length >= 2);
        expect(chunks(staff, runId)).toEqual(['phase:queued', 'for staff']);
        expect(seqs(staff)).toEqual([0, 1]);
      }
    });

    it('replaces a subscription to the same run and stops sending after unsubscribe', async () => {
      const runId = await submit(world.learner, world.builtinExerciseId);
      await publish(runId, output('0'), output('1'), output('2'));
      const learner = await connect(world.learner.token);
      await learner.subscribe({ runId });
      await learner.until((c) => c.events.length >= 4);
      expect(chunks(learner, runId)).toEqual(['phase:queued', '0', '1', '2']);
      await learner.subscribe({ runId, fromSeq: 3 });
      await learner.until((c) => c.events.length >= 5);
      expect(seqs(learner)).toEqual([0, 1, 2, 3, 3]);
      expect(await learner.socket.timeout(5_000).emitWithAck('unsubscribe', { runId })).toEqual({
        ok: true,
        runId,
      });
      await publish(runId, output('unheard'), result);
      // A second, still-subscribed watcher proves the events went out.
      const witness = await connect(world.learner.token);
      await witness.subscribe({ runId, fromSeq: 4 });
      await witness.until((c) => c.ends.length === 1);
      expect(chunks(witness, runId)).toEqual(['unheard', 'result']);
      expect(seqs(learner)).toEqual([0, 1, 2, 3, 3]);
      expect(learner.ends).toEqual([]);
    });

    it('ends the subscription of a run that finished without a result event', async () => {
      const runId = await submit(world.learner, world.builtinExerciseId);
      const learner = await connect(world.learner.token);
      await learner.subscribe({ runId });
      await request(api.http)
        .post(`/api/v1/runs/${runId}/cancel`)
        .set(...bearer(world.learner.token))
        .expect(200);
      await learner.until((c) => c.ends.length === 1);
      expect(learner.ends).toEqual([{ runId, reason: 'finished', status: 'cancelled' }]);
      // No runner ever wrote to the stream: the API's queued event is all it holds.
      expect(learner.events).toEqual([queuedEvent(runId)]);

      const late = await connect(world.learner.token);
      expect(await late.subscribe({ runId })).toMatchObject({ ok: true, status: 'cancelled' });
      await late.until((c) => c.ends.length === 1);
      expect(late.events).toEqual([queuedEvent(runId)]);
      expect(late.ends).toEqual([{ runId, reason: 'finished', status: 'cancelled' }]);
    });

    it('answers a malformed request with request/invalid and a non-id with run/not-found', async () => {
      const learner = await connect(world.learner.token);
      expect(await learner.subscribe({ fromSeq: 1 })).toMatchObject({
        ok: false,
        error: { code: 'request/invalid' },
      });
      expect(await learner.subscribe({ runId: 'x', fromSeq: -1 })).toMatchObject({
        ok: false,
        error: { code: 'request/invalid' },
      });
      expect(await learner.subscribe({ runId: '42' })).toMatchObject({
        ok: false,
        error: { code: 'run/not-found' },
      });
    });
  });

  describe('isolation', () => {
    it('refuses another learner’s run and another tenant’s run with run/not-found, and sends none of their events', async () => {
      const mine = await submit(world.learner, world.builtinExerciseId);
      const classmates = await submit(world.otherLearner, world.builtinExerciseId);
      const foreign = await submit(other.learner, other.builtinExerciseId);
      await publish(classmates, output('classmate secret'));
      await publish(foreign, output('foreign secret'));

      const learner = await connect(world.learner.token);
      const foreignOwner = await connect(other.ownerApiToken);
      const notFound = { ok: false, error: { code: 'run/not-found' } };
      expect(await learner.subscribe({ runId: classmates })).toMatchObject(notFound);
      expect(await learner.subscribe({ runId: foreign })).toMatchObject(notFound);
      expect(await foreignOwner.subscribe({ runId: mine })).toMatchObject(notFound);
      expect(await foreignOwner.subscribe({ runId: classmates })).toMatchObject(notFound);
      expect(await learner.subscribe({ runId: mine })).toMatchObject({ ok: true });

      await publish(classmates, output('classmate live'), result);
      await publish(foreign, output('foreign live'), result);
      await publish(mine, output('mine'), result);
      await learner.until((c) => c.ends.length === 1);
      expect(learner.events.map((m) => m.runId)).toEqual([mine, mine, mine]);
      expect(chunks(learner, mine)).toEqual(['phase:queued', 'mine', 'result']);
      expect(JSON.stringify(learner.events)).not.toMatch(/secret|classmate|foreign/);
      expect(foreignOwner.events).toEqual([]);
      expect(foreignOwner.ends).toEqual([]);
    });

    it('checks the credential again on subscribe: a revoked token is refused', async () => {
      const runId = await submit(world.learner, world.builtinExerciseId);
      const tokens = new ApiTokenRepo(api.prisma);
      const { token, record } = await tokens.create(
        { tenantId: world.tenant.id },
        { userId: world.learner.userId, name: 'watcher', scopes: ['runs:read'] },
      );
      const client = await connect(token);
      expect(await client.subscribe({ runId })).toMatchObject({ ok: true });
      await tokens.revoke({ tenantId: world.tenant.id }, record.id);
      expect(await client.subscribe({ runId })).toMatchObject({
        ok: false,
        error: { code: 'auth/invalid-token' },
      });
    });

    it('follows the member’s current role: a learner demoted from instructor loses the class’s runs', async () => {
      const runId = await submit(world.learner, world.builtinExerciseId);
      const ta = await connect(world.instructor.token);
      expect(await ta.subscribe({ runId })).toMatchObject({ ok: true });
      await api.prisma.membership.update({
        where: { tenantId_userId: { tenantId: world.tenant.id, userId: world.instructor.userId } },
        data: { role: 'learner' },
      });
      try {
        expect(await ta.subscribe({ runId })).toMatchObject({ ok: false, error: { code: 'run/not-found' } });
      } finally {
        await api.prisma.membership.update({
          where: { tenantId_userId: { tenantId: world.tenant.id, userId: world.instructor.userId } },
          data: { role: 'instructor' },
        });
      }
    });
  });
});
