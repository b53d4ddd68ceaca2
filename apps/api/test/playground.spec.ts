import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { labRunJobId, SUBMISSION_LIMITS, type UnsequencedLabEvent } from '@socklab/contracts';
import {
  ArtifactRepo,
  CourseRepo,
  FilesystemArtifactStore,
  RunEventPublisher,
  RunRepo,
  type ArtifactKind,
} from '@socklab/db';
import Redis from 'ioredis';
import request from 'supertest';
import { OutboxPublisher } from '../src/queue/outbox-publisher';
import { connectLive, listen, type LiveClient } from './support/live-client';
import {
  bearer,
  createWorld,
  eventually,
  startTestApi,
  submitRun,
  type Member,
  type TestApi,
  type World,
} from './support/test-api';

/** A C client, as the portal's starter would send it. */
const clientProgram = {
  presetId: 'echo-server',
  language: 'c',
  files: [{ name: 'main.c', content: 'int main(int argc, char **argv) { return 0; }\n' }],
};
/** What the lab reports for a preset: its one scenario, no check, nothing graded. */
const ungradedReport = {
  score: 0,
  maxScore: 0,
  gradable: true,
  scenarios: [{ id: 'echo-server', checks: [] }],
};

describe('playground', () => {
  let api: TestApi;
  let world: World;
  let other: World;
  let artifactDir: string;
  let origin: string;
  let redis: Redis;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    artifactDir = mkdtempSync(path.join(tmpdir(), 'socklab-playground-'));
    api = await startTestApi({
      SOCKLAB_ARTIFACT_DIR: artifactDir,
      SOCKLAB_MAX_INFLIGHT_RUNS: '3',
      SOCKLAB_MAX_SUBMISSIONS_PER_MINUTE: '100',
    });
    origin = await listen(api);
    world = await createWorld(api, 'alpha');
    other = await createWorld(api, 'beta');
    redis = new Redis('redis://127.0.0.1:6379');
  }, 60_000);
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    redis?.disconnect();
    await api?.close();
    rmSync(artifactDir, { recursive: true, force: true });
  });

  const get = (url: string, token: string) =>
    request(api.http)
      .get(`/api/v1${url}`)
      .set(...bearer(token));
  const post = (url: string, token: string, body?: object) =>
    request(api.http)
      .post(`/api/v1${url}`)
      .set(...bearer(token))
      .send(body);
  const play = (member: Member, body: object = clientProgram) => post('/playground/runs', member.token, body);
  const startRun = async (member: Member) => (await play(member).expect(202)).body.runId as string;
  const scope = () => ({ tenantId: world.tenant.id });
  /** Takes a run to done as a runner would, with the lab's report of a preset (0 of 0, no check). */
  const finish = async (runId: string) => {
    const runs = new RunRepo(api.prisma);
    await runs.claim(scope(), runId, 1, 'runner-test');
    await runs.advance(scope(), runId, 'running');
    await runs.advance(scope(), runId, 'grading');
    await runs.complete(scope(), runId, { score: 0, maxScore: 0, report: ungradedReport });
  };
  const ids = (body: { id: string }[]) => body.map((run) => run.id);

  it('lists the presets with the role the program plays and the arguments it is started with', async () => {
    const res = await get('/playground/presets', world.learner.token).expect(200);
    expect(res.body.map((p: { id: string }) => p.id)).toEqual([
      'echo-server',
      'half-closing-client',
      'close-with-unread-data',
      'simultaneous-close',
      'three-way-close',
      'silent-death',
      'reboot',
      'self-connection',
    ]);
    expect(res.body[0]).toEqual({
      id: 'echo-server',
      title: 'Echo server',
      description: expect.stringContaining('sends back every byte it receives'),
      role: 'client',
      args: ['{host}', '{port}'],
    });
    expect(res.body[1]).toMatchObject({ id: 'half-closing-client', role: 'server', args: ['{port}'] });
    await request(api.http).get('/api/v1/playground/presets').expect(401);
  });

  it('queues a run with 202: its job reaches BullMQ and its submission names the preset, not an exercise', async () => {
    const res = await play(world.learner).expect(202);
    expect(res.body).toEqual({
      submissionId: expect.any(String),
      runId: expect.any(String),
      status: 'queued',
    });
    const job = await eventually(() => api.queue.getJob(labRunJobId({ runId: res.body.runId, attempt: 1 })));
    expect(job.data).toEqual({ runId: res.body.runId, tenantId: world.tenant.id, attempt: 1 });
    expect(
      await api.prisma.submission.findUniqueOrThrow({ where: { id: res.body.submissionId } }),
    ).toMatchObject({
      userId: world.learner.userId,
      playgroundPresetId: 'echo-server',
      exerciseVersionId: null,
      assignmentId: null,
      language: 'c',
      files: clientProgram.files,
    });
    await post(`/runs/${res.body.runId}/cancel`, world.learner.token).expect(200);
  });

  it('validates the program as a submission (422 with the path, 413 over the limit) and refuses an unknown preset, storing nothing', async () => {
    const before = await api.prisma.submission.count();
    const badName = await play(world.learner, {
      ...clientProgram,
      files: [{ name: '../main.c', content: '' }],
    }).expect(422);
    expect(badName.body.error).toMatchObject({
      code: 'request/invalid',
      details: [expect.objectContaining({ path: 'files.0.name' })],
    });
    const noPreset = await play(world.learner, { language: 'c', files: clientProgram.files }).expect(422);
    expect(noPreset.body.error.details[0].path).toBe('presetId');
    const big = 'x'.repeat(SUBMISSION_LIMITS.maxFileBytes);
    const files = Array.from(
      { length: SUBMISSION_LIMITS.maxTotalBytes / SUBMISSION_LIMITS.maxFileBytes + 1 },
      (_, i) => ({
        name: `f${i}.c`,
        content: big,
      }),
    );
    expect((await play(world.learner, { ...clientProgram, files }).expect(413)).body.error.code).toBe(
      'request/too-large',
    );
    const unknown = await play(world.learner, { ...clientProgram, presetId: 'echo-servr' }).expect(422);
    expect(unknown.body.error).toMatchObject({
      code: 'playground/unknown-preset',
      message: expect.stringContaining(
        'there is no playground preset "echo-servr"; choose one of echo-server,',
      ),
      details: [expect.objectContaining({ path: 'presetId' })],
    });
    expect(await api.prisma.submission.count()).toBe(before);
  });

  it('counts toward the member’s runs in flight, like submissions do', async () => {
    const mine = [
      await submitRun(api, world.otherLearner.token, world.builtinExerciseId),
      await startRun(world.otherLearner),
      await startRun(world.otherLearner),
    ];
    const refused = await play(world.otherLearner).expect(429);
    expect(refused.body.error).toMatchObject({
      code: 'request/rate-limited',
      details: { limit: 3, inflight: 3 },
    });
    for (const runId of mine) await post(`/runs/${runId}/cancel`, world.otherLearner.token).expect(200);
  });

  it('is a run like any other: its owner and staff read it, naming the preset; another learner and another tenant get run/not-found', async () => {
    const runId = await startRun(world.learner);
    const view = await get(`/runs/${runId}`, world.learner.token).expect(200);
    expect(view.body).toMatchObject({
      id: runId,
      status: 'queued',
      exercise: null,
      playground: { presetId: 'echo-server', title: 'Echo server' },
      submission: { userId: world.learner.userId, language: 'c' },
    });
    await get(`/runs/${runId}`, world.instructor.token).expect(200);
    await get(`/runs/${runId}`, world.ownerApiToken).expect(200);
    for (const token of [
      world.otherLearner.token,
      other.owner.token,
      other.ownerApiToken,
      other.learner.token,
    ]) {
      expect((await get(`/runs/${runId}`, token).expect(404)).body.error.code).toBe('run/not-found');
      expect((await get(`/runs/${runId}/artifacts`, token).expect(404)).body.error.code).toBe(
        'run/not-found',
      );
      expect((await post(`/runs/${runId}/cancel`, token).expect(404)).body.error.code).toBe('run/not-found');
    }
    await post(`/runs/${runId}/cancel`, world.learner.token).expect(200);
  });

  it('streams live on the /runs namespace to its owner, and to no other tenant', async () => {
    const runId = await startRun(world.learner);
    const publisher = new RunEventPublisher(redis, { prefix: api.config.live.eventsPrefix });
    const output: UnsequencedLabEvent = {
      type: 'output',
      t: 1,
      stream: 'stdout',
      host: 'you',
      chunk: 'hello\n',
    };
    const learner = await connectLive(origin, world.learner.token);
    const stranger = await connectLive(origin, other.owner.token);
    clients.push(learner, stranger);
    expect(await learner.subscribe({ runId })).toEqual({ ok: true, runId, fromSeq: 0, status: 'queued' });
    expect(await stranger.subscribe({ runId })).toMatchObject({
      ok: false,
      error: { code: 'run/not-found' },
    });
    await finish(runId);
    await publisher.publish(runId, output);
    await publisher.publish(runId, { type: 'result', t: 2, score: 0, maxScore: 0, gradable: true });
    await learner.until((c) => c.ends.length === 1);
    expect(learner.events.map((m) => m.event.type)).toEqual(['phase', 'output', 'result']);
    expect(learner.ends).toEqual([{ runId, reason: 'result' }]);
    expect(stranger.events).toEqual([]);
  });

  it('serves its capture, trace.json and report.json to its owner only', async () => {
    const runId = await startRun(world.learner);
    await finish(runId);
    const store = new FilesystemArtifactStore(artifactDir);
    const files: [string, ArtifactKind, Buffer][] = [
      ['capture-echo-server.pcapng', 'capture', Buffer.alloc(64, 0x0a)],
      ['trace.json', 'trace', Buffer.from(JSON.stringify({ scenarios: {} }))],
      ['report.json', 'report', Buffer.from(JSON.stringify(ungradedReport))],
    ];
    for (const [name, kind, bytes] of files) {
      const storageKey = `tenants/${world.tenant.id}/runs/${runId}/1/${name}`;
      const stored = await store.put(storageKey, bytes);
      await new ArtifactRepo(api.prisma).create(scope(), runId, {
        kind,
        name,
        sizeBytes: stored.size,
        sha256: stored.sha256,
        storageKey,
      });
    }
    const listed = await get(`/runs/${runId}/artifacts`, world.learner.token).expect(200);
    expect(listed.body.artifacts.map((a: { name: string }) => a.name).sort()).toEqual([
      'capture-echo-server.pcapng',
      'report.json',
      'trace.json',
    ]);
    const capture = await get(`/runs/${runId}/artifacts/capture.pcapng`, world.learner.token)
      .buffer(true)
      .expect(200);
    expect(capture.headers['content-disposition']).toBe('attachment; filename="capture-echo-server.pcapng"');
    expect((await get(`/runs/${runId}/artifacts/report.json`, world.learner.token).expect(200)).body).toEqual(
      ungradedReport,
    );
    await get(`/runs/${runId}/artifacts/trace.json`, world.learner.token).expect(200);
    for (const token of [world.otherLearner.token, other.owner.token]) {
      expect((await get(`/runs/${runId}/artifacts/report.json`, token).expect(404)).body.error.code).toBe(
        'run/not-found',
      );
    }
  });

  it('never counts: not in the run lists results are drawn from, nor in assignment attempts or best scores', async () => {
    const versionId = (
      await api.prisma.exerciseVersion.findFirstOrThrow({ where: { exerciseId: world.assignedExerciseId } })
    ).id;
    const courses = new CourseRepo(api.prisma);
    const course = await courses.create(scope(), { title: 'One shot' });
    await courses.enroll(scope(), course.id, world.learner.userId);
    const assignment = await courses.assign(scope(), {
      courseId: course.id,
      exerciseVersionId: versionId,
      title: 'One try',
      maxAttempts: 1,
    });
    const playRun = await startRun(world.learner);
    await finish(playRun);

    // Lists of runs hold exercise runs unless asked for playground runs.
    for (const token of [world.learner.token, world.instructor.token]) {
      expect(ids((await get('/runs?limit=100', token).expect(200)).body)).not.toContain(playRun);
      expect(
        ids((await get(`/runs?exerciseId=${world.assignedExerciseId}`, token).expect(200)).body),
      ).not.toContain(playRun);
      const playground = (await get('/runs?kind=playground&status=done', token).expect(200)).body;
      expect(ids(playground)).toContain(playRun);
      expect(
        playground.every(
          (run: { exercise: unknown; playground: unknown }) =>
            run.exercise === null && run.playground !== null,
        ),
      ).toBe(true);
    }
    expect((await get('/runs?kind=graded', world.learner.token).expect(422)).body.error.details[0].path).toBe(
      'kind',
    );

    // The assignment's one attempt is still there, and its progress shows nothing spent.
    const progress = (await get('/assignments', world.learner.token).expect(200)).body.find(
      (a: { id: string }) => a.id === assignment.id,
    );
    expect(progress).toMatchObject({ attempts: 0, bestScore: null, maxScore: null });
    const submitted = await post(`/exercises/${world.assignedExerciseId}/submissions`, world.learner.token, {
      language: 'python',
      files: [{ name: 'main.py', content: 'print("hi")\n' }],
      assignmentId: assignment.id,
    }).expect(202);
    const spent = await post(`/exercises/${world.assignedExerciseId}/submissions`, world.learner.token, {
      language: 'python',
      files: [{ name: 'main.py', content: 'print("again")\n' }],
      assignmentId: assignment.id,
    }).expect(409);
    expect(spent.body.error.code).toBe('assignment/attempts-exhausted');
    await post(`/runs/${submitted.body.runId}/cancel`, world.learner.token).expect(200);
  });

  it('has nothing to regrade: 409 regrade/playground-run, and nothing queued', async () => {
    const runId = await startRun(world.learner);
    await finish(runId);
    await api.app.get(OutboxPublisher).publishNow();
    const before = await api.prisma.run.count();
    const res = await post(`/runs/${runId}/regrade`, world.instructor.token).expect(409);
    expect(res.body.error).toMatchObject({
      code: 'regrade/playground-run',
      message: expect.stringContaining('nothing to regrade'),
    });
    expect(await api.prisma.run.count()).toBe(before);
  });
});
