import { labRunJobId } from '@socklab/contracts';
import { parseExerciseSpec } from '@socklab/exercise';
import { ExerciseRepo, RunEventPublisher, RunRepo, runEventsKey, seqOfStreamId } from '@socklab/db';
import Redis from 'ioredis';
import request from 'supertest';
import { exerciseYaml } from './support/exercise-yaml';
import { OutboxPublisher } from '../src/queue/outbox-publisher';
import { bearer, createWorld, smallSubmission, startTestApi, submitRun, type TestApi, type World } from './support/test-api';

/** Regrade runs a tenant may have in flight, kept small here so the limit is reachable. */
const MAX_REGRADE_RUNS = 2;

describe('instructor regrades', () => {
  let api: TestApi;
  let world: World;
  let other: World;
  let repo: RunRepo;
  let assignedVersionId: string;

  beforeAll(async () => {
    api = await startTestApi({ SOCKLAB_MAX_REGRADE_RUNS: String(MAX_REGRADE_RUNS) });
    world = await createWorld(api, 'alpha');
    other = await createWorld(api, 'beta');
    repo = new RunRepo(api.prisma);
    const version = await api.prisma.exerciseVersion.findFirstOrThrow({ where: { exerciseId: world.assignedExerciseId } });
    assignedVersionId = version.id;
  }, 60_000);
  afterAll(() => api?.close());

  const scope = () => ({ tenantId: world.tenant.id });
  const post = (path: string, token: string) =>
    request(api.http)
      .post(`/api/v1${path}`)
      .set(...bearer(token));
  const get = (path: string, token: string) =>
    request(api.http)
      .get(`/api/v1${path}`)
      .set(...bearer(token));

  /** A run of `world.learner` (on the assigned exercise by default), created past the API's submission limits. */
  async function learnerRun(exerciseVersionId = assignedVersionId): Promise<string> {
    const { run } = await repo.createWithSubmission(scope(), {
      userId: world.learner.userId,
      exerciseVersionId,
      language: 'python',
      files: smallSubmission.files,
    });
    return run.id;
  }

  async function finish(runId: string, how: 'done' | 'failed' | 'cancelled', score = 7): Promise<void> {
    if (how === 'cancelled') {
      await repo.cancel(scope(), runId);
      return;
    }
    const run = await repo.get(scope(), runId);
    await repo.claim(scope(), runId, run.attempt, 'test-runner');
    if (how === 'failed') {
      await repo.fail(scope(), runId, { code: 'sandbox/start-failed', message: 'no bwrap' });
      return;
    }
    await repo.advance(scope(), runId, 'running');
    await repo.advance(scope(), runId, 'grading');
    await repo.complete(scope(), runId, { score, maxScore: 15, report: { score, maxScore: 15, scenarios: [] } });
  }

  it('lets only staff of the tenant regrade: 403 for learners, 404 across tenants, never data', async () => {
    const runId = await learnerRun();
    await finish(runId, 'done');
    const learner = await post(`/runs/${runId}/regrade`, world.learner.token).expect(403);
    expect(learner.body.error.code).toBe('auth/forbidden');
    const foreign = await post(`/runs/${runId}/regrade`, other.instructor.token).expect(404);
    expect(foreign.body.error.code).toBe('run/not-found');
    const foreignVersion = await post(`/exercises/${world.assignedExerciseId}/versions/1/regrade`, other.owner.token).expect(404);
    expect(foreignVersion.body.error.code).toBe('exercise/not-found');
    const learnerVersion = await post(`/exercises/${world.assignedExerciseId}/versions/1/regrade`, world.learner.token).expect(403);
    expect(learnerVersion.body.error.code).toBe('auth/forbidden');
    for (const res of [learner, foreign, foreignVersion, learnerVersion]) expect(JSON.stringify(res.body)).not.toMatch(/score|echo/);
    expect(await api.prisma.run.count({ where: { regradeOfId: runId } })).toBe(0);
  });

  it('re-runs a finished run as a new queued run of the same submission; the old run keeps its result', async () => {
    const runId = await learnerRun();
    const early = await post(`/runs/${runId}/regrade`, world.instructor.token).expect(409);
    expect(early.body.error.code).toBe('run/not-finished');
    await finish(runId, 'done', 4);

    const res = await post(`/runs/${runId}/regrade`, world.instructor.token).expect(202);
    const old = await api.prisma.run.findUniqueOrThrow({ where: { id: runId } });
    expect(res.body).toEqual({ runId: expect.any(String), regradeOfId: runId, submissionId: old.submissionId, status: 'queued' });
    await api.app.get(OutboxPublisher).publishNow();
    expect(await api.queue.getJob(labRunJobId({ runId: res.body.runId, attempt: 1 }))).toBeDefined();

    const twice = await post(`/runs/${runId}/regrade`, world.owner.token).expect(409);
    expect(twice.body.error.code).toBe('run/regrade-in-progress');

    // The learner sees both runs of the submission: the regrade names the run it regrades.
    const fresh = await get(`/runs/${res.body.runId}`, world.learner.token).expect(200);
    expect(fresh.body).toMatchObject({ status: 'queued', regradeOfId: runId, submission: { id: old.submissionId } });
    const kept = await get(`/runs/${runId}`, world.learner.token).expect(200);
    expect(kept.body).toMatchObject({ status: 'done', score: 4, regradeOfId: null });
    await finish(res.body.runId, 'done');
  });

  it('regrades every finished submission of a version, lists the rest, and keeps to the tenant’s limit', async () => {
    const draft = await api.prisma.exerciseVersion.findFirstOrThrow({ where: { exerciseId: world.draftExerciseId } });
    const [done, failed, inflight, cancelled] = await Promise.all([1, 2, 3, 4].map(() => learnerRun(draft.id)));
    await finish(done, 'done');
    await finish(failed, 'failed');
    await finish(cancelled, 'cancelled');
    const path = `/exercises/${world.draftExerciseId}/versions/1/regrade`;

    // A regrade elsewhere is in flight: 1 + the version's 2 finished submissions > the limit of 2.
    const elsewhere = await submitRun(api, world.otherLearner.token, world.builtinExerciseId);
    await finish(elsewhere, 'done');
    const single = await post(`/runs/${elsewhere}/regrade`, world.instructor.token).expect(202);
    const busy = await post(path, world.instructor.token).expect(429);
    expect(busy.headers['retry-after']).toMatch(/^\d+$/);
    expect(busy.body.error).toMatchObject({ code: 'request/rate-limited', details: { limit: MAX_REGRADE_RUNS, inflight: 1, wanted: 2 } });
    expect(await api.prisma.run.count({ where: { regradeOfId: { in: [done, failed] } } })).toBe(0);

    await finish(single.body.runId, 'done');
    const res = await post(path, world.owner.token).expect(202);
    expect(res.body).toMatchObject({ exerciseId: world.draftExerciseId, version: 1 });
    expect(res.body.queued.map((q: { regradeOfId: string }) => q.regradeOfId).sort()).toEqual([done, failed].sort());
    expect(res.body.skipped.sort((a: { reason: string }, b: { reason: string }) => a.reason.localeCompare(b.reason))).toEqual([
      { runId: cancelled, submissionId: expect.any(String), reason: 'run/cancelled' },
      { runId: inflight, submissionId: expect.any(String), reason: 'run/not-finished' },
    ]);
    expect(await api.prisma.auditEntry.count({ where: { action: 'exercise.version.regrade', tenantId: world.tenant.id } })).toBe(1);

    // Regrades are not the learner's doing: with 3 runs in flight, their limit (3) still lets them submit.
    const learnerInflight = await api.prisma.run.count({
      where: { submission: { userId: world.learner.userId }, status: { in: ['queued', 'building', 'running', 'grading'] } },
    });
    expect(learnerInflight).toBe(3);
    await submitRun(api, world.learner.token, world.assignedExerciseId);

    // More finished submissions than the limit allows at all: refused whole, with what to do.
    for (const q of res.body.queued as { runId: string }[]) await finish(q.runId, 'done');
    await finish(inflight, 'done');
    const tooMany = await post(path, world.instructor.token).expect(422);
    expect(tooMany.body.error).toMatchObject({ code: 'regrade/too-many', details: { limit: MAX_REGRADE_RUNS, wanted: 3 } });
  });

  describe('the queued event', () => {
    let redis: Redis;
    beforeAll(() => {
      redis = new Redis('redis://127.0.0.1:6379');
    });
    afterAll(() => redis?.disconnect());

    /** The stream's entries as `[seq, phase or type, t]`. */
    const stream = async (runId: string) =>
      (await redis.xrange(runEventsKey(api.config.live.eventsPrefix, runId), '-', '+')).map(([id, fields]) => {
        const event = JSON.parse(String(fields[1])) as { type: string; phase?: string; t: number };
        return [seqOfStreamId(id), event.type === 'phase' ? `phase:${event.phase}` : event.type, event.t];
      });

    it('opens the stream of every run a regrade creates with phase queued at seq 0; the runner’s events follow', async () => {
      // A version of its own, so the version regrade below has exactly two finished submissions.
      const exercises = new ExerciseRepo(api.prisma);
      const exercise = await exercises.create(scope(), { slug: 'echo-regrade-events', title: 'Regrade events' });
      const parsed = parseExerciseSpec(exerciseYaml({ id: 'echo-regrade-events' }));
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      const version = await exercises.publishVersion(scope(), exercise.id, JSON.parse(JSON.stringify(parsed.value)));
      const first = await learnerRun(version.id);
      const second = await learnerRun(version.id);
      await finish(first, 'done');
      await finish(second, 'failed');

      const single = await post(`/runs/${first}/regrade`, world.instructor.token).expect(202);
      expect(await stream(single.body.runId)).toEqual([[0, 'phase:queued', 0]]);
      const runner = new RunEventPublisher(redis, { prefix: api.config.live.eventsPrefix });
      await runner.publish(single.body.runId, { type: 'phase', t: 1, phase: 'building' });
      expect(await stream(single.body.runId)).toEqual([
        [0, 'phase:queued', 0],
        [1, 'phase:building', 1],
      ]);
      await finish(single.body.runId, 'done');

      const all = await post(`/exercises/${exercise.id}/versions/1/regrade`, world.owner.token).expect(202);
      const created = (all.body.queued as { runId: string }[]).map((q) => q.runId);
      expect(created).toHaveLength(2);
      for (const runId of created) expect(await stream(runId)).toEqual([[0, 'phase:queued', 0]]);
      for (const runId of created) await finish(runId, 'done');
    });
  });
});
