import { labRunJobId } from '@socklab/contracts';
import { ApiTokenRepo, RunRepo } from '@socklab/db';
import request from 'supertest';
import { OutboxPublisher } from '../src/queue/outbox-publisher';
import {
  bearer,
  createWorld,
  submitRun,
  startTestApi,
  type Member,
  type TestApi,
  type World,
} from './support/test-api';

const report = {
  score: 10,
  maxScore: 15,
  gradable: true,
  scenarios: [
    {
      id: 'one-line',
      title: 'One line',
      checks: [
        {
          id: 'echoed',
          title: 'Echoed',
          status: 'pass',
          points: 10,
          maxPoints: 10,
          visibility: 'visible',
          message: 'ok',
          explanation: 'e',
          evidence: [],
        },
        {
          id: 'secret-close',
          title: 'SECRET TITLE',
          status: 'fail',
          points: 0,
          maxPoints: 5,
          visibility: 'hidden',
          message: 'SECRET MESSAGE',
          explanation: 'x',
          evidence: [],
        },
      ],
    },
  ],
};

describe('runs', () => {
  let api: TestApi;
  let world: World;
  let other: World;
  const runs: Record<string, string> = {};

  const submit = (member: Member, exerciseId: string) => submitRun(api, member.token, exerciseId);
  const get = (path: string, token: string) =>
    request(api.http)
      .get(`/api/v1${path}`)
      .set(...bearer(token));
  const cancel = (runId: string, token: string) =>
    request(api.http)
      .post(`/api/v1/runs/${runId}/cancel`)
      .set(...bearer(token));

  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api, 'alpha');
    other = await createWorld(api, 'beta');
    runs.learnerAssigned = await submit(world.learner, world.assignedExerciseId);
    runs.learnerBuiltin = await submit(world.learner, world.builtinExerciseId);
    runs.otherLearner = await submit(world.otherLearner, world.builtinExerciseId);
    runs.otherTenant = await submit(other.learner, other.builtinExerciseId);
    await api.app.get(OutboxPublisher).publishNow();
  }, 60_000);
  afterAll(() => api?.close());

  const ids = (body: { id: string }[]) => body.map((r) => r.id).sort();

  it('shows a learner their own runs only, newest first', async () => {
    const res = await get('/runs', world.learner.token).expect(200);
    expect(res.body.map((r: { id: string }) => r.id)).toEqual([runs.learnerBuiltin, runs.learnerAssigned]);
    expect(res.body[0]).toMatchObject({
      status: 'queued',
      attempt: 1,
      exercise: { id: world.builtinExerciseId, slug: 'echo-builtin', version: 1 },
      submission: { userId: world.learner.userId, language: 'python' },
    });
    expect(ids((await get('/runs', world.otherLearner.token).expect(200)).body)).toEqual([runs.otherLearner]);
  });

  it('shows instructors and owners every run of their tenant, and nothing of another', async () => {
    const tenantRuns = [runs.learnerAssigned, runs.learnerBuiltin, runs.otherLearner].sort();
    expect(ids((await get('/runs', world.instructor.token).expect(200)).body)).toEqual(tenantRuns);
    expect(ids((await get('/runs', world.ownerApiToken).expect(200)).body)).toEqual(tenantRuns);
    expect(ids((await get('/runs', other.instructor.token).expect(200)).body)).toEqual([runs.otherTenant]);
  });

  it('filters by exercise and status, pages with limit and before, and validates the query', async () => {
    const byExercise = await get(
      `/runs?exerciseId=${world.assignedExerciseId}`,
      world.instructor.token,
    ).expect(200);
    expect(ids(byExercise.body)).toEqual([runs.learnerAssigned]);
    expect((await get('/runs?status=done', world.instructor.token).expect(200)).body).toEqual([]);
    const first = await get('/runs?limit=1', world.instructor.token).expect(200);
    expect(first.body).toHaveLength(1);
    const rest = await get(
      `/runs?before=${encodeURIComponent(first.body[0].createdAt)}`,
      world.instructor.token,
    ).expect(200);
    expect(rest.body.map((r: { id: string }) => r.id)).not.toContain(first.body[0].id);
    const bad = await get('/runs?status=finished', world.instructor.token).expect(422);
    expect(bad.body.error.details[0].path).toBe('status');
  });

  it('answers 404 for another learner’s run, another tenant’s run, and a non-id — on read and on cancel', async () => {
    const cases: [string, string][] = [
      [runs.otherLearner, world.learner.token],
      [runs.otherTenant, world.owner.token],
      [runs.otherTenant, world.ownerApiToken],
      [runs.learnerAssigned, other.instructor.token],
      ['12345', world.owner.token],
    ];
    for (const [runId, token] of cases) {
      const read = await get(`/runs/${runId}`, token).expect(404);
      expect(read.body.error.code).toBe('run/not-found');
      expect(JSON.stringify(read.body)).not.toMatch(/echo|python/);
      expect((await cancel(runId, token).expect(404)).body.error.code).toBe('run/not-found');
    }
    const untouched = await api.prisma.run.findMany({
      where: { id: { in: [runs.otherLearner, runs.otherTenant, runs.learnerAssigned] } },
    });
    expect(untouched.map((r) => r.status)).toEqual(['queued', 'queued', 'queued']);
  });

  it('conceals hidden checks of a graded run from the learner but not from staff', async () => {
    const repo = new RunRepo(api.prisma);
    const scope = { tenantId: world.tenant.id };
    await repo.claim(scope, runs.learnerAssigned, 1, 'runner-test');
    await repo.advance(scope, runs.learnerAssigned, 'running');
    await repo.advance(scope, runs.learnerAssigned, 'grading');
    await repo.complete(scope, runs.learnerAssigned, { score: 10, maxScore: 15, report });

    const learnerView = await get(`/runs/${runs.learnerAssigned}`, world.learner.token).expect(200);
    expect(learnerView.body).toMatchObject({
      status: 'done',
      score: 10,
      maxScore: 15,
      gradable: true,
      error: null,
    });
    expect(learnerView.body.report.scenarios[0].checks[1]).toEqual({
      id: 'secret-close',
      status: 'fail',
      points: 0,
      maxPoints: 5,
      visibility: 'hidden',
      title: 'Hidden check',
    });
    expect(JSON.stringify(learnerView.body)).not.toMatch(/SECRET/);
    const staffView = await get(`/runs/${runs.learnerAssigned}`, world.instructor.token).expect(200);
    expect(staffView.body.report).toEqual(report);
  });

  it('cancels a queued run, takes its job off the queue, and refuses to cancel a finished one', async () => {
    const jobId = labRunJobId({ runId: runs.learnerBuiltin, attempt: 1 });
    expect(await api.queue.getJob(jobId)).toBeDefined();
    const res = await cancel(runs.learnerBuiltin, world.learner.token).expect(200);
    expect(res.body).toMatchObject({ id: runs.learnerBuiltin, status: 'cancelled', gradable: false });
    expect(res.body.finishedAt).not.toBeNull();
    expect(await api.queue.getJob(jobId)).toBeUndefined();
    const again = await cancel(runs.learnerBuiltin, world.learner.token).expect(409);
    expect(again.body.error.code).toBe('run/illegal-transition');
    expect((await cancel(runs.learnerAssigned, world.learner.token).expect(409)).body.error.code).toBe(
      'run/illegal-transition',
    );
  });

  it('lets staff cancel a learner’s run, recorded in the audit log', async () => {
    await cancel(runs.otherLearner, world.instructor.token).expect(200);
    const entry = await api.prisma.auditEntry.findFirstOrThrow({
      where: { action: 'run.cancel', targetId: runs.otherLearner },
    });
    expect(entry).toMatchObject({ tenantId: world.tenant.id, actorUserId: world.instructor.userId });
  });

  it('needs runs:read to read and runs:write to cancel with an API token', async () => {
    const { token } = await new ApiTokenRepo(api.prisma).create(
      { tenantId: other.tenant.id },
      { userId: other.learner.userId, name: 'traces', scopes: ['runs:read', 'traces:read'] },
    );
    await get(`/runs/${runs.otherTenant}`, token).expect(200);
    const res = await cancel(runs.otherTenant, token).expect(403);
    expect(res.body.error).toMatchObject({
      code: 'auth/insufficient-scope',
      details: { required: ['runs:write'] },
    });
  });
});
