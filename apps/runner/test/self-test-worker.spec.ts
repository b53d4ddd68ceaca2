/**
 * The lab-self-tests worker with a self-test engine double: what it records for each
 * outcome (passed with per-solution results and progress, failed, lab failure = error,
 * abort = handed back as a new attempt), and that a stale job changes nothing. The real
 * engine is exercised end to end in apps/api/test/self-tests.spec.ts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { LAB_SELF_TESTS_QUEUE, selfTestJobId, type SelfTestJob } from '@socklab/contracts';
import {
  createPrismaClient,
  createTestDatabase,
  ExerciseRepo,
  SelfTestRepo,
  TenantRepo,
  UserRepo,
  type PrismaClient,
  type StoredSolutions,
  type TestDatabase,
} from '@socklab/db';
import type { LoadedExercise } from '@socklab/exercise';
import type { SolutionResult } from '@socklab/lab';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

import { SelfTestProcessor, type SelfTestProcessorDeps } from '../src/self-test-processor';
import { startSelfTestWorker, type SelfTestWorker } from '../src/self-test-worker';

const REDIS_URL = process.env['SOCKLAB_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
jest.setTimeout(30_000);
const SOLUTIONS: StoredSolutions = {
  reference: [{ language: 'c', files: [{ name: 'main.c', content: 'int main(void) { return 0; }\n' }] }],
  faulty: [
    {
      name: 'never-closes',
      description: 'stays in CLOSE_WAIT',
      mustFail: ['close-path'],
      sources: [{ language: 'c', files: [{ name: 'src/main.c', content: 'int main(void) { for (;;); }\n' }] }],
    },
  ],
};
const SPEC = { metadata: { id: 'echo' }, scenarios: [], checks: [], hosts: { learner: [] }, languages: { c: {} } };

function result(over: Partial<SolutionResult>): SolutionResult {
  return {
    kind: 'reference',
    name: 'reference',
    language: 'c',
    ok: true,
    score: 10,
    maxScore: 10,
    gradable: true,
    failedChecks: [],
    expectedFailures: [],
    problems: [],
    durationMs: 5,
    report: {
      jobId: 'j',
      exerciseId: 'echo',
      language: 'c',
      score: 10,
      maxScore: 10,
      gradable: true,
      build: { ok: true, output: '', durationMs: 1 },
      scenarios: [{ id: 's1', title: 'S1', checks: [{ id: 'close-path', title: 'T', status: 'pass', points: 10, maxPoints: 10, visibility: 'visible', message: 'closed', explanation: '', evidence: [] }] }],
      artifacts: [],
      timings: { totalMs: 1, buildMs: 1, scenariosMs: {}, gradeMs: 0 },
    },
    ...over,
  } as SolutionResult;
}

describe('the lab-self-tests worker', () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  let redis: Redis;
  let queue: Queue;
  let workDir: string;
  let scope: { tenantId: string };
  let userId: string;
  let versionId: string;
  const prefix = `socklab-test-${randomBytes(4).toString('hex')}`;
  const workers: SelfTestWorker[] = [];
  const selfTests = () => new SelfTestRepo(prisma);

  beforeAll(async () => {
    db = await createTestDatabase();
    prisma = createPrismaClient(db.url, { maxConnections: 4 });
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(LAB_SELF_TESTS_QUEUE, { connection: redis, prefix });
    workDir = await mkdtemp(path.join(tmpdir(), 'self-test-worker-'));
    const tenant = await new TenantRepo(prisma).create({ slug: `t-${randomBytes(3).toString('hex')}`, name: 'T' });
    scope = { tenantId: tenant.id };
    const user = await new UserRepo(prisma).create({ email: `i-${randomBytes(3).toString('hex')}@t.test`, passwordHash: 'x', displayName: 'I' });
    await new UserRepo(prisma).addMember(scope, user.id, 'instructor');
    userId = user.id;
    const exercises = new ExerciseRepo(prisma);
    const exercise = await exercises.create(scope, { slug: 'echo', title: 'Echo' });
    versionId = (await exercises.publishVersion(scope, exercise.id, SPEC, { statement: '# Echo\n', solutions: SOLUTIONS })).id;
  }, 30_000);

  afterEach(async () => {
    await Promise.allSettled(workers.splice(0).map((w) => w.worker.close(true)));
  });

  afterAll(async () => {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await prisma.$disconnect();
    await db.drop();
    await rm(workDir, { recursive: true, force: true });
  });

  function start(selfTest: SelfTestProcessorDeps['selfTest']): void {
    const processor = new SelfTestProcessor({ selfTests: selfTests(), exercises: new ExerciseRepo(prisma), selfTest, runnerId: 'r1', workDir });
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const worker = startSelfTestWorker(connection, { queuePrefix: prefix, runnerId: 'r1', stalled: { lockDurationMs: 30_000, stalledIntervalMs: 30_000, maxStalledCount: 1 } }, processor);
    worker.worker.on('closed', () => connection.disconnect());
    workers.push(worker);
  }

  async function requested(): Promise<SelfTestJob> {
    const { job } = await selfTests().request(scope, { exerciseVersionId: versionId, requestedById: userId });
    return job;
  }

  const enqueue = (job: SelfTestJob) => queue.add('self-test', job, { jobId: selfTestJobId(job) });

  async function finished(id: string, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await selfTests().get(scope, id);
      if (row.status !== 'queued' && row.status !== 'running') return row;
      if (Date.now() > deadline) throw new Error(`self-test ${id} still ${row.status}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it('runs the stored solutions from their folder layout and records each result, then passed', async () => {
    let seen: LoadedExercise | undefined;
    const sources: string[] = [];
    start(async (exercise, options) => {
      seen = exercise;
      sources.push(await readFile(path.join(exercise.faulty[0].sources[0].dir, 'src/main.c'), 'utf8'));
      const results = [
        result({}),
        result({ kind: 'faulty', name: 'never-closes', score: 0, failedChecks: ['close-path'], expectedFailures: ['close-path'] }),
      ];
      for (const r of results) options.onResult?.(r);
      return { exerciseId: 'echo', ok: true, results };
    });
    const job = await requested();
    await enqueue(job);
    const row = await finished(job.selfTestId);
    expect(row).toMatchObject({ status: 'passed', attempt: 1, runnerId: expect.stringMatching(/^r1\//) });
    expect(row.results).toEqual([
      expect.objectContaining({ kind: 'reference', ok: true, checks: [{ scenario: 's1', id: 'close-path', status: 'pass', message: 'closed' }], build: { ok: true, output: '' } }),
      expect.objectContaining({ kind: 'faulty', name: 'never-closes', failedChecks: ['close-path'], expectedFailures: ['close-path'] }),
    ]);
    expect(seen).toMatchObject({ spec: SPEC, statement: '# Echo\n', starter: [], reference: [{ language: 'c', files: ['main.c'] }] });
    expect(seen!.faulty[0]).toMatchObject({ name: 'never-closes', mustFail: ['close-path'], sources: [{ language: 'c', files: ['src/main.c'] }] });
    expect(sources).toEqual(['int main(void) { for (;;); }\n']);
  });

  it('records a broken promise as failed, and a lab failure as error (it says nothing about the exercise)', async () => {
    const broken = result({ kind: 'faulty', name: 'never-closes', ok: false, problems: ['passed checks it should fail: close-path'], expectedFailures: ['close-path'] });
    start(async () => ({ exerciseId: 'echo', ok: false, results: [result({}), broken] }));
    const failing = await requested();
    await enqueue(failing);
    expect(await finished(failing.selfTestId)).toMatchObject({ status: 'failed', results: [expect.anything(), expect.objectContaining({ problems: broken.problems })] });
    await workers.splice(0)[0].worker.close(true);

    const labDown = result({ ok: false, gradable: false });
    labDown.report = { ...labDown.report, infraError: { code: 'sandbox/start-failed', message: 'bwrap: no permission' } };
    start(async () => ({ exerciseId: 'echo', ok: false, results: [labDown] }));
    const erroring = await requested();
    await enqueue(erroring);
    expect(await finished(erroring.selfTestId)).toMatchObject({
      status: 'error',
      errorCode: 'self-test/lab-failed',
      errorMessage: expect.stringContaining('sandbox/start-failed: bwrap: no permission'),
    });
  });

  it('hands an aborted self-test back as a new attempt, and drops the old attempt\'s job', async () => {
    const job = await requested();
    let calls = 0;
    start((_exercise, options) => {
      calls++;
      // The shutdown may abort before the lab is reached (while the exercise is written out):
      // a lab handed an aborted signal fails at once, as the real one does.
      return new Promise((_resolve, reject) => {
        if (options.signal?.aborted) reject(new Error('aborted'));
        options.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      });
    });
    await enqueue(job);
    const deadline = Date.now() + 10_000;
    while ((await selfTests().get(scope, job.selfTestId)).status !== 'running') {
      if (Date.now() > deadline) throw new Error('never started');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await workers.splice(0)[0].shutdown(0);
    const row = await selfTests().get(scope, job.selfTestId);
    expect(row).toMatchObject({ status: 'queued', attempt: 2, results: [], runnerId: null });
    const outbox = await prisma.outboxMessage.findMany({ where: { jobId: selfTestJobId({ selfTestId: job.selfTestId, attempt: 2 }) } });
    expect(outbox).toHaveLength(1);

    // A duplicate of attempt 1's job (say, re-added while Redis was being restored) changes nothing.
    start(async () => {
      calls++;
      return { exerciseId: 'echo', ok: true, results: [] };
    });
    await queue.add('self-test', job, { jobId: `${selfTestJobId(job)}-dup` });
    const until = Date.now() + 10_000;
    let dup = await queue.getJob(`${selfTestJobId(job)}-dup`);
    while (!(await dup!.isCompleted())) {
      if (Date.now() > until) throw new Error(`duplicate job still ${await dup!.getState()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    dup = await queue.getJob(`${selfTestJobId(job)}-dup`);
    expect(dup!.returnvalue).toBe('dropped');
    expect(calls).toBe(1);
    expect(await selfTests().get(scope, job.selfTestId)).toMatchObject({ status: 'queued', attempt: 2 });
  }, 30_000);
});
