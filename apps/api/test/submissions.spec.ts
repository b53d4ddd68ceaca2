import { labRunJobId, SUBMISSION_LIMITS } from '@socklab/contracts';
import { ApiTokenRepo } from '@socklab/db';
import request from 'supertest';
import { OutboxPublisher } from '../src/queue/outbox-publisher';
import {
  addMember,
  bearer,
  createWorld,
  eventually,
  smallSubmission,
  startTestApi,
  type TestApi,
  type World,
} from './support/test-api';

describe('submissions', () => {
  let api: TestApi;
  let world: World;
  let other: World;

  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api, 'alpha');
    other = await createWorld(api, 'beta');
  }, 60_000);
  afterAll(() => api?.close());

  const submit = (token: string, exerciseId: string, body: unknown = smallSubmission) =>
    request(api.http)
      .post(`/api/v1/exercises/${exerciseId}/submissions`)
      .set(...bearer(token))
      .send(body as object);
  const cancel = (token: string, runId: string) =>
    request(api.http)
      .post(`/api/v1/runs/${runId}/cancel`)
      .set(...bearer(token))
      .expect(200);
  const jobOf = (runId: string) => api.queue.getJob(labRunJobId({ runId, attempt: 1 }));

  it('accepts a submission with 202 and the run’s job reaches BullMQ', async () => {
    const res = await submit(world.learner.token, world.assignedExerciseId).expect(202);
    expect(res.body).toEqual({
      submissionId: expect.any(String),
      runId: expect.any(String),
      status: 'queued',
    });
    const job = await eventually(() => jobOf(res.body.runId));
    expect(job.data).toEqual({ runId: res.body.runId, tenantId: world.tenant.id, attempt: 1 });
    const submission = await api.prisma.submission.findUniqueOrThrow({
      where: { id: res.body.submissionId },
    });
    expect(submission).toMatchObject({
      userId: world.learner.userId,
      language: 'python',
      files: smallSubmission.files,
    });
    const outbox = await api.prisma.outboxMessage.findFirstOrThrow({ where: { jobId: job.id } });
    expect(outbox.publishedAt).not.toBeNull();
    await cancel(world.learner.token, res.body.runId);
  });

  it('publishes each run once, even when the outbox message is delivered again', async () => {
    const res = await submit(world.otherLearner.token, world.builtinExerciseId).expect(202);
    const job = await eventually(() => jobOf(res.body.runId));
    await api.prisma.outboxMessage.updateMany({ where: { jobId: job.id }, data: { publishedAt: null } });
    expect(await api.app.get(OutboxPublisher).publishNow()).toBe(1);
    const ids = (await api.queue.getJobs(['waiting', 'delayed', 'prioritized'])).map((j) => j.id);
    expect(ids.filter((id) => id === job.id)).toHaveLength(1);
    await cancel(world.otherLearner.token, res.body.runId);
  });

  it('refuses a malformed submission with 422 naming the path', async () => {
    const res = await submit(world.learner.token, world.assignedExerciseId, {
      language: 'python',
      files: [{ name: '../etc/passwd', content: 'x' }],
    }).expect(422);
    expect(res.body.error).toMatchObject({
      code: 'request/invalid',
      message: expect.stringMatching(/^files\.0\.name: /),
    });
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'files.0.name' })]);
    const lang = await submit(world.learner.token, world.assignedExerciseId, {
      ...smallSubmission,
      language: 'rust',
    }).expect(422);
    expect(lang.body.error.details[0].path).toBe('language');
  });

  it('refuses a language the exercise does not offer with 422', async () => {
    const body = { language: 'java', files: [{ name: 'Main.java', content: 'class Main {}' }] };
    const res = await submit(world.learner.token, world.assignedExerciseId, body).expect(422);
    expect(res.body.error).toMatchObject({
      code: 'submission/language-not-offered',
      details: [expect.objectContaining({ path: 'language' })],
    });
  });

  it('answers 400 to a body that is not JSON', async () => {
    const res = await request(api.http)
      .post(`/api/v1/exercises/${world.assignedExerciseId}/submissions`)
      .set(...bearer(world.learner.token))
      .set('Content-Type', 'application/json')
      .send('{"language": ')
      .expect(400);
    expect(res.body.error.code).toBe('request/bad-request');
  });

  it('refuses files over the size limit with 413, whether the body parser or the limit check sees it first', async () => {
    const over = 'x'.repeat(SUBMISSION_LIMITS.maxFileBytes);
    const count = SUBMISSION_LIMITS.maxTotalBytes / SUBMISSION_LIMITS.maxFileBytes + 1;
    const files = Array.from({ length: count }, (_, i) => ({ name: `f${i}.py`, content: over }));
    const res = await submit(world.learner.token, world.assignedExerciseId, {
      language: 'python',
      files,
    }).expect(413);
    expect(res.body.error).toMatchObject({
      code: 'request/too-large',
      details: { limit: SUBMISSION_LIMITS.maxTotalBytes },
    });
    const huge = [{ name: 'big.py', content: 'x'.repeat(3 * 1024 * 1024) }];
    const parsed = await submit(world.learner.token, world.assignedExerciseId, {
      language: 'python',
      files: huge,
    }).expect(413);
    expect(parsed.body.error.code).toBe('request/too-large');
    expect(
      await api.prisma.submission.count({ where: { userId: world.learner.userId, sizeBytes: { gt: 1000 } } }),
    ).toBe(0);
  });

  it('answers 404 for another tenant’s exercise and for an unpublished one, storing nothing', async () => {
    const before = await api.prisma.submission.count();
    for (const [token, id] of [
      [world.learner.token, other.builtinExerciseId],
      [world.owner.token, other.draftExerciseId],
      [world.learner.token, world.draftExerciseId],
    ]) {
      expect((await submit(token, id).expect(404)).body.error.code).toBe('exercise/not-found');
    }
    expect(await api.prisma.submission.count()).toBe(before);
  });

  it('refuses an API token without submissions:write', async () => {
    const { token } = await new ApiTokenRepo(api.prisma).create(
      { tenantId: world.tenant.id },
      { userId: world.learner.userId, name: 'reader', scopes: ['runs:read', 'exercises:read'] },
    );
    const res = await submit(token, world.assignedExerciseId).expect(403);
    expect(res.body.error.code).toBe('auth/insufficient-scope');
  });

  it('limits runs in flight per member: 429 with Retry-After, until one finishes', async () => {
    const member = await addMember(api, world.tenant.id, 'busy@alpha.test', 'learner');
    const runs: string[] = [];
    for (let i = 0; i < api.config.limits.maxInflightRuns; i++) {
      runs.push((await submit(member.token, world.builtinExerciseId).expect(202)).body.runId);
    }
    const refused = await submit(member.token, world.builtinExerciseId).expect(429);
    expect(refused.body.error.code).toBe('request/rate-limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Another member is not affected.
    const bystander = await submit(world.instructor.token, world.builtinExerciseId).expect(202);
    await cancel(world.instructor.token, bystander.body.runId);
    await cancel(member.token, runs[0]);
    await submit(member.token, world.builtinExerciseId).expect(202);
  });

  it('limits submissions per minute per member: 429 with the seconds until the window frees up', async () => {
    const member = await addMember(api, world.tenant.id, 'eager@alpha.test', 'learner');
    for (let i = 0; i < api.config.limits.maxSubmissionsPerMinute; i++) {
      const res = await submit(member.token, world.builtinExerciseId).expect(202);
      await cancel(member.token, res.body.runId);
    }
    const refused = await submit(member.token, world.builtinExerciseId).expect(429);
    expect(refused.body.error).toMatchObject({
      code: 'request/rate-limited',
      details: { limit: api.config.limits.maxSubmissionsPerMinute },
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });
});
