import { EXERCISE_UPLOAD_LIMITS } from '@socklab/contracts';
import request from 'supertest';
import { CourseRepo, SelfTestRepo } from '@socklab/db';
import { packFolderFiles, renamedFolder } from './support/exercise-folder';
import { bearer, createWorld, startTestApi, submitRun, type TestApi, type World } from './support/test-api';
import { zip } from './support/zip-writer';

type Files = { path: string; content: string }[];

describe('instructor uploads of exercise folders', () => {
  let api: TestApi;
  let world: World;
  let other: World;

  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api, 'alpha');
    other = await createWorld(api, 'beta');
  }, 60_000);
  afterAll(() => api?.close());

  const uploadFolder = (token: string, files: Files) =>
    request(api.http)
      .post('/api/v1/exercises/folder')
      .set(...bearer(token))
      .send({ files });
  const uploadZip = (token: string, archive: Buffer) =>
    request(api.http)
      .post('/api/v1/exercises/zip')
      .set(...bearer(token))
      .attach('archive', archive, 'exercise.zip');
  const get = (path: string, token: string) =>
    request(api.http)
      .get(`/api/v1${path}`)
      .set(...bearer(token));
  const versionCount = () => api.prisma.exerciseVersion.count();
  const asZip = (files: Files, prefix = '') => zip(files.map((f) => ({ name: `${prefix}${f.path}`, content: f.content })));

  it('stores a folder as a version with statement, starters and solutions; the same folder again is the same version', async () => {
    const files = renamedFolder('half-close-echo', 'my-echo');
    const first = await uploadFolder(world.instructor.token, files).expect(201);
    expect(first.body).toMatchObject({ created: true, version: { version: 1 }, exercise: { slug: 'my-echo', builtin: false } });
    const again = await uploadZip(world.instructor.token, asZip(files, 'my-echo/')).expect(200);
    expect(again.body).toMatchObject({ created: false, version: { id: first.body.version.id } });

    const exerciseId = first.body.exercise.id as string;
    const version = await get(`/exercises/${exerciseId}/versions/1`, world.instructor.token).expect(200);
    expect(version.body.statement).toContain('half-close');
    expect(version.body.starters.map((s: { language: string }) => s.language)).toEqual(['c', 'cpp', 'java', 'python']);
    expect(version.body.solutions).toEqual({
      reference: ['c', 'python'],
      faulty: [
        { name: 'close-with-unread-data', languages: ['c'] },
        { name: 'closes-after-first-read', languages: ['c'] },
        { name: 'never-closes', languages: ['c'] },
      ],
    });
    const referenceC = files.find((f) => f.path === 'solutions/reference/c/main.c')!.content;
    expect(version.body.solutionFiles.reference[0].files).toEqual([{ name: 'main.c', content: referenceC }]);
    expect(version.body.spec.faultySolutions['never-closes'].mustFail.length).toBeGreaterThan(0);

    // A changed file makes a new version; the old one stays as it was.
    const changed = files.map((f) => (f.path === 'statement.md' ? { ...f, content: `${f.content}\nOne more hint.\n` } : f));
    await uploadFolder(world.owner.token, changed).expect(201);
    const versions = await get(`/exercises/${exerciseId}/versions`, world.instructor.token).expect(200);
    expect(versions.body.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.body[1]).toMatchObject({ id: first.body.version.id, latestSelfTest: null });

  });

  it('keeps solutions from learners: 403 on versions; an assigned exercise shows its statement, never a solution', async () => {
    const files = renamedFolder('half-close-echo', 'hidden-echo');
    const first = await uploadFolder(world.instructor.token, files).expect(201);
    const id = first.body.exercise.id as string;
    await get(`/exercises/${id}`, world.learner.token).expect(404);
    for (const path of [`/exercises/${id}/versions`, `/exercises/${id}/versions/1`, `/exercises/${id}/versions/1/self-tests`]) {
      const res = await get(path, world.learner.token).expect(403);
      expect(res.body.error.code).toBe('auth/forbidden');
      expect(JSON.stringify(res.body)).not.toMatch(/main\.c|hidden-echo/);
    }
    // Assigned to the learner's course (after a self-test passed, which assignment requires).
    const scope = { tenantId: world.tenant.id };
    const versionId = first.body.version.id as string;
    const courses = new CourseRepo(api.prisma);
    const course = await courses.create(scope, { title: 'Week 3' });
    await courses.enroll(scope, course.id, world.learner.userId);
    const assign = () => courses.assign(scope, { courseId: course.id, exerciseVersionId: versionId, title: 'Half-close' });
    await expect(assign()).rejects.toMatchObject({ code: 'assignment/self-test-required' });
    const selfTests = new SelfTestRepo(api.prisma);
    const { selfTest } = await selfTests.request(scope, { exerciseVersionId: versionId, requestedById: world.instructor.userId });
    await selfTests.claim(scope, selfTest.id, 1, 'test');
    await selfTests.finish(scope, selfTest.id, 1, { passed: true, results: [] });
    await assign();
    const seen = await get(`/exercises/${id}`, world.learner.token).expect(200);
    expect(seen.body.statement).toContain('half-close');
    const text = JSON.stringify(seen.body);
    for (const file of files.filter((f) => f.path.startsWith('solutions/'))) expect(text).not.toContain(file.content);
    expect(text).not.toMatch(/never-closes|faultySolutions|mustFail/);

    // A newer version, not yet self-tested nor assigned, stays the instructors' own:
    // learners keep reading and submitting to the assigned one.
    const v2 = files.map((f) => (f.path === 'statement.md' ? { ...f, content: `${f.content}\nUNRELEASED HINT\n` } : f));
    await uploadFolder(world.instructor.token, v2).expect(201);
    const learnerView = await get(`/exercises/${id}`, world.learner.token).expect(200);
    expect(learnerView.body).toMatchObject({ latestVersion: { version: 1 } });
    expect(learnerView.body.statement).not.toContain('UNRELEASED HINT');
    const staffView = await get(`/exercises/${id}`, world.instructor.token).expect(200);
    expect(staffView.body).toMatchObject({ latestVersion: { version: 2 }, statement: expect.stringContaining('UNRELEASED HINT') });
    const listed = await get('/exercises', world.learner.token).expect(200);
    expect(listed.body.find((e: { id: string }) => e.id === id)).toMatchObject({ latestVersion: { version: 1 } });
    const runId = await submitRun(api, world.learner.token, id);
    const run = await get(`/runs/${runId}`, world.learner.token).expect(200);
    expect(run.body.exercise).toMatchObject({ id, version: 1 });
    const learnerUpload = await uploadFolder(world.learner.token, renamedFolder('half-close-echo', 'learner-echo')).expect(403);
    expect(learnerUpload.body.error.code).toBe('auth/forbidden');
  });

  it('answers 404 to another tenant, for the exercise, its versions and its self-tests', async () => {
    const first = await uploadFolder(world.instructor.token, renamedFolder('half-close-echo', 'tenant-echo')).expect(201);
    const id = first.body.exercise.id as string;
    for (const [method, path] of [
      ['get', `/exercises/${id}/versions`],
      ['get', `/exercises/${id}/versions/1`],
      ['get', `/exercises/${id}/versions/1/self-tests`],
      ['post', `/exercises/${id}/versions/1/self-test`],
      ['post', `/exercises/${id}/versions/1/regrade`],
    ] as const) {
      const res = await request(api.http)[method](`/api/v1${path}`).set(...bearer(other.owner.token)).expect(404);
      expect(res.body.error.code).toBe('exercise/not-found');
      expect(JSON.stringify(res.body)).not.toMatch(/tenant-echo|main\.c/);
    }
    const missing = await get(`/exercises/${id}/versions/7`, world.instructor.token).expect(404);
    expect(missing.body.error.code).toBe('exercise/version-not-found');
    await get(`/exercises/${id}/versions/zero`, world.instructor.token).expect(404);
  });

  it('refuses to replace a built-in exercise with a folder', async () => {
    const res = await uploadFolder(world.instructor.token, packFolderFiles('half-close-echo')).expect(409);
    expect(res.body.error.code).toBe('exercise/builtin-read-only');
  });

  it('reports every problem of a malformed folder at once, with file, JSON path and line, and stores nothing', async () => {
    const before = await versionCount();
    const files = renamedFolder('half-close-echo', 'broken-echo')
      .filter((f) => !f.path.startsWith('starter/python/') && f.path !== 'statement.md')
      .map((f) => (f.path === 'exercise.yaml' ? { ...f, content: f.content.replace(/points: \d+/, 'points: -1') } : f))
      .concat([
        { path: 'starter/rust/main.rs', content: 'fn main() {}\n' },
        { path: 'solutions/faulty/never-closes/c/main.o', content: '\u0000\u0001ELF' },
      ]);
    const res = await uploadFolder(world.instructor.token, files).expect(422);
    expect(res.body.error.code).toBe('exercise/invalid-folder');
    // exercise.yaml is checked first: a spec error alone stops the loader, as `socklab validate` does.
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ code: 'exercise/invalid-spec', file: 'exercise.yaml', path: expect.stringMatching(/points$/), line: expect.any(Number), column: expect.any(Number) }),
      expect.objectContaining({ code: 'exercise/binary-file', file: 'solutions/faulty/never-closes/c/main.o' }),
    ]);
    expect(res.body.error.message).toMatch(/^exercise\.yaml:\d+:\d+ .*points.*Nothing was stored\.$/);

    const goodYaml = renamedFolder('half-close-echo', 'broken-echo').find((f) => f.path === 'exercise.yaml')!.content;
    const fixedSpec = files.map((f) => (f.path === 'exercise.yaml' ? { ...f, content: goodYaml } : f));
    const folder = await uploadFolder(world.instructor.token, fixedSpec).expect(422);
    expect(folder.body.error.details.map((d: { code: string; file: string }) => [d.code, d.file])).toEqual([
      ['exercise/missing-file', 'statement.md'],
      ['exercise/unexpected-file', 'starter/rust'],
      ['exercise/missing-file', 'starter/python'],
      ['exercise/binary-file', 'solutions/faulty/never-closes/c/main.o'],
    ]);
    expect(await versionCount()).toBe(before);
    expect(await api.prisma.exercise.count({ where: { slug: 'broken-echo' } })).toBe(0);
  });

  it('says when there is no exercise.yaml, without naming any server path', async () => {
    const res = await uploadFolder(world.instructor.token, [{ path: 'notes/readme.md', content: 'hi' }]).expect(422);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ code: 'exercise/missing-file', file: 'exercise.yaml', message: expect.stringMatching(/no exercise\.yaml at its root/) }),
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/tmp|socklab-upload/);
  });

  it('refuses unsafe paths in a zip — "..", absolute, symlinks — naming each, and writes nothing', async () => {
    const before = await versionCount();
    const files = renamedFolder('half-close-echo', 'zip-slip');
    const archive = zip([
      ...files.map((f) => ({ name: f.path, content: f.content })),
      { name: '../../../tmp/socklab-zip-slip', content: 'owned' },
      { name: '/etc/cron.d/evil', content: '* * * * * root true' },
      { name: 'starter/c/link', content: '/etc/passwd', mode: 0o120777 },
      { name: 'starter\\c\\win.c', content: '' },
    ]);
    const res = await uploadZip(world.instructor.token, archive).expect(422);
    expect(res.body.error.code).toBe('exercise/unsafe-path');
    expect(res.body.error.details).toEqual([
      { file: '../../../tmp/socklab-zip-slip', message: expect.stringContaining('..') },
      { file: '/etc/cron.d/evil', message: expect.stringContaining('absolute') },
      { file: 'starter/c/link', message: expect.stringContaining('symbolic link') },
      { file: 'starter\\c\\win.c', message: expect.stringContaining('backslash') },
    ]);
    expect(await versionCount()).toBe(before);
    const json = await uploadFolder(world.instructor.token, [...files, { path: 'solutions/../../x.c', content: '' }]).expect(422);
    expect(json.body.error).toMatchObject({ code: 'exercise/unsafe-path', details: [{ file: 'solutions/../../x.c' }] });
  });

  it('stops zip bombs before they are inflated, and archives that lie about their sizes while inflating', async () => {
    const files = renamedFolder('half-close-echo', 'bomb');
    const bomb = zip([...files.map((f) => ({ name: f.path, content: f.content })), { name: 'notes/zeros.txt', content: Buffer.alloc(64 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(EXERCISE_UPLOAD_LIMITS.maxArchiveBytes);
    const big = await uploadZip(world.instructor.token, bomb).expect(413);
    expect(big.body.error).toMatchObject({ code: 'exercise/upload-too-large', details: [{ file: 'notes/zeros.txt', bytes: 64 * 1024 * 1024 }] });

    const liar = zip([...files.map((f) => ({ name: f.path, content: f.content })), { name: 'notes/small.txt', content: Buffer.alloc(32 * 1024 * 1024), declaredSize: 10 }]);
    const lied = await uploadZip(world.instructor.token, liar).expect(422);
    expect(lied.body.error.code).toBe('exercise/invalid-archive');
    expect(lied.body.error.message).toContain('inflates to more than the 10 bytes it declares');

    const many = zip(Array.from({ length: EXERCISE_UPLOAD_LIMITS.maxFiles + 1 }, (_, i) => ({ name: `notes/${i}.txt`, content: '' })));
    const crowd = await uploadZip(world.instructor.token, many).expect(413);
    expect(crowd.body.error).toMatchObject({ code: 'exercise/upload-too-large', details: [{ entries: EXERCISE_UPLOAD_LIMITS.maxFiles + 1 }] });

    const huge = await uploadZip(world.instructor.token, Buffer.alloc(EXERCISE_UPLOAD_LIMITS.maxArchiveBytes + 1)).expect(413);
    expect(huge.body.error.code).toBe('exercise/upload-too-large');
  });

  it('refuses what is not a zip, and a request without the archive field', async () => {
    const notZip = await uploadZip(world.instructor.token, Buffer.from('exercise.yaml: not a zip')).expect(422);
    expect(notZip.body.error).toMatchObject({ code: 'exercise/invalid-archive' });
    const noField = await request(api.http)
      .post('/api/v1/exercises/zip')
      .set(...bearer(world.instructor.token))
      .attach('folder', Buffer.from('x'), 'x.zip')
      .expect(422);
    expect(noField.body.error.code).toBe('request/invalid');
  });

  it('documents the endpoints in OpenAPI', async () => {
    const doc = await request(api.http).get('/api/docs-json').expect(200);
    const paths = doc.body.paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/exercises/folder',
        '/api/v1/exercises/zip',
        '/api/v1/exercises/{id}/versions',
        '/api/v1/exercises/{id}/versions/{version}',
        '/api/v1/exercises/{id}/versions/{version}/self-test',
        '/api/v1/exercises/{id}/versions/{version}/self-tests',
        '/api/v1/exercises/{id}/versions/{version}/self-tests/{selfTestId}',
        '/api/v1/exercises/{id}/versions/{version}/regrade',
        '/api/v1/runs/{id}/regrade',
      ]),
    );
    expect(JSON.stringify(paths['/api/v1/exercises/zip'])).toContain('multipart/form-data');
  });
});
