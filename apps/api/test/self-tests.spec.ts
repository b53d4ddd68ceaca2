/**
 * Self-tests end to end: an instructor uploads the pack's half-close-echo folder (as a
 * zip, under an id of the tenant's own), asks for a self-test, and the real runner
 * process runs every solution through the real lab (LocalDriver); the API reports each
 * solution's result. A variant whose faulty solution is secretly correct fails its
 * self-test, naming the checks it should have failed.
 */
import { CourseRepo } from '@socklab/db';
import request from 'supertest';
import { renamedFolder } from './support/exercise-folder';
import { startRunnerProcess, type RunnerProcess } from './support/runner-process';
import { bearer, createWorld, eventually, startTestApi, type TestApi, type World } from './support/test-api';
import { zip } from './support/zip-writer';

const LAB_TIMEOUT_MS = 12 * 60_000;

describe('self-tests of exercise versions', () => {
  let api: TestApi;
  let world: World;
  let runner: RunnerProcess;

  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api, 'alpha');
    runner = startRunnerProcess(api.config);
  }, 60_000);
  afterAll(async () => {
    await runner?.stop();
    await api?.close();
  }, 60_000);

  const post = (path: string, token: string) =>
    request(api.http)
      .post(`/api/v1${path}`)
      .set(...bearer(token));
  const get = (path: string, token: string) =>
    request(api.http)
      .get(`/api/v1${path}`)
      .set(...bearer(token));

  async function upload(files: { path: string; content: string }[]): Promise<{ exerciseId: string; versionId: string }> {
    const archive = zip(files.map((f) => ({ name: f.path, content: f.content })));
    const res = await request(api.http)
      .post('/api/v1/exercises/zip')
      .set(...bearer(world.instructor.token))
      .attach('archive', archive, 'exercise.zip')
      .expect(201);
    return { exerciseId: res.body.exercise.id, versionId: res.body.version.id };
  }

  async function finished(path: string): Promise<Record<string, unknown>> {
    return eventually(async () => {
      const res = await get(path, world.instructor.token).expect(200);
      return ['passed', 'failed', 'error'].includes(res.body.status) ? res.body : null;
    }, LAB_TIMEOUT_MS).catch((error: unknown) => {
      throw new Error(`${String(error)}\nrunner output:\n${runner.output()}`);
    });
  }

  it(
    'runs half-close-echo’s references and faulty solutions through the runner and the real lab: passed',
    async () => {
      const { exerciseId, versionId } = await upload(renamedFolder('half-close-echo', 'my-half-close-echo'));
      const base = `/exercises/${exerciseId}/versions/1`;
      const learner = await post(`${base}/self-test`, world.learner.token).expect(403);
      expect(learner.body.error.code).toBe('auth/forbidden');

      const queued = await post(`${base}/self-test`, world.instructor.token).expect(202);
      expect(queued.body).toMatchObject({ status: 'queued', version: 1, progress: { finished: 0, total: 5 }, results: [] });
      const again = await post(`${base}/self-test`, world.owner.token).expect(200);
      expect(again.body.id).toBe(queued.body.id);

      const done = await finished(`${base}/self-tests/${queued.body.id}`);
      expect(done).toMatchObject({ status: 'passed', progress: { finished: 5, total: 5 }, error: null });
      const results = done['results'] as Record<string, unknown>[];
      expect(results.map((r) => `${r['name']}/${r['language']}`).sort()).toEqual([
        'close-with-unread-data/c',
        'closes-after-first-read/c',
        'never-closes/c',
        'reference/c',
        'reference/python',
      ]);
      for (const result of results) {
        expect(result).toMatchObject({ ok: true, gradable: true, problems: [], build: { ok: true } });
        expect(result['failedChecks']).toEqual(result['expectedFailures']);
        if (result['kind'] === 'reference') expect(result['score']).toBe(result['maxScore']);
        else expect((result['failedChecks'] as string[]).length).toBeGreaterThan(0);
      }
      const list = await get(`${base}/self-tests`, world.instructor.token).expect(200);
      expect(list.body.map((s: { id: string }) => s.id)).toEqual([queued.body.id]);
      const versions = await get(`/exercises/${exerciseId}/versions`, world.instructor.token).expect(200);
      expect(versions.body[0].latestSelfTest).toMatchObject({ id: queued.body.id, status: 'passed' });

      // Passed: the version may now be assigned to a course.
      const scope = { tenantId: world.tenant.id };
      const course = await new CourseRepo(api.prisma).create(scope, { title: 'Sockets' });
      await expect(
        new CourseRepo(api.prisma).assign(scope, { courseId: course.id, exerciseVersionId: versionId, title: 'Half-close' }),
      ).resolves.toMatchObject({ exerciseVersionId: versionId });
    },
    LAB_TIMEOUT_MS + 60_000,
  );

  it(
    'fails when a faulty solution passes the checks it promised to fail, saying which',
    async () => {
      const files = renamedFolder('half-close-echo', 'sneaky-echo');
      const reference = files.find((f) => f.path === 'solutions/reference/c/main.c')!.content;
      const sneaky = files.map((f) =>
        f.path === 'solutions/faulty/never-closes/c/main.c' ? { ...f, content: reference } : f,
      );
      const { exerciseId } = await upload(sneaky);
      const queued = await post(`/exercises/${exerciseId}/versions/1/self-test`, world.instructor.token).expect(202);
      const done = await finished(`/exercises/${exerciseId}/versions/1/self-tests/${queued.body.id}`);
      expect(done).toMatchObject({ status: 'failed', progress: { finished: 5, total: 5 } });
      const results = done['results'] as Record<string, unknown>[];
      const broken = results.filter((r) => !r['ok']);
      expect(broken).toEqual([
        expect.objectContaining({ name: 'never-closes', failedChecks: [], problems: ['passed checks it should fail: server-close-path'] }),
      ]);
    },
    LAB_TIMEOUT_MS + 60_000,
  );

  it('refuses to self-test a version without solutions', async () => {
    const res = await post(`/exercises/${world.draftExerciseId}/versions/1/self-test`, world.instructor.token).expect(409);
    expect(res.body.error.code).toBe('self-test/no-solutions');
    expect(res.body.error.message).toMatch(/upload the whole folder/);
    const builtin = await post(`/exercises/${world.builtinExerciseId}/versions/1/self-test`, world.owner.token).expect(409);
    expect(builtin.body.error.message).toMatch(/built in/);
  });
});
