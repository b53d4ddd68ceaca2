import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
  LAB_RUNS_QUEUE,
  labRunJobId,
  type LabEvent,
  type LabRunJob,
  type UnsequencedLabEvent,
} from '@socklab/contracts';
import {
  ArtifactRepo,
  createPrismaClient,
  createTestDatabase,
  ExerciseRepo,
  FilesystemArtifactStore,
  RunEventPublisher,
  RunEventReader,
  RunRepo,
  SubmissionRepo,
  TenantRepo,
  UserRepo,
  type PrismaClient,
  type Run,
  type SubmissionTarget,
  type TenantScope,
  type TestDatabase,
} from '@socklab/db';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';

import type { RunnerConfig } from '../src/config';
import type { LabExecutor, LabRunReport } from '../src/lab-executor';
import { LabRunProcessor } from '../src/lab-run-processor';
import { RunnerMetrics } from '../src/metrics';
import { labRunsEnqueuer, startLabRunsWorker, type LabRunsWorker } from '../src/runner';

const REDIS_URL = process.env['SOCKLAB_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** A migrated database with one tenant, learner and exercise version; a private Redis prefix; a queue. */
export class Harness {
  readonly prefix = `socklab-test-${randomBytes(4).toString('hex')}`;
  readonly events: RunEventPublisher;
  readonly reader: RunEventReader;
  readonly runs: RunRepo;
  readonly queue: Queue;
  /** How runners add the job of a run's new attempt. */
  readonly enqueuer: ReturnType<typeof labRunsEnqueuer>;
  private readonly workers: LabRunsWorker[] = [];
  private readonly connections: Redis[] = [];
  scope!: TenantScope;
  private learnerId!: string;
  private versionId!: string;

  private constructor(
    readonly db: TestDatabase,
    readonly prisma: PrismaClient,
    readonly redis: Redis,
    readonly artifactDir: string,
  ) {
    this.events = new RunEventPublisher(redis, { prefix: `${this.prefix}:` });
    this.reader = new RunEventReader(redis, { prefix: `${this.prefix}:`, blockMs: 200 });
    this.runs = new RunRepo(prisma);
    this.queue = new Queue(LAB_RUNS_QUEUE, { connection: redis, prefix: this.prefix });
    this.enqueuer = labRunsEnqueuer(redis, this.prefix);
  }

  static async open(): Promise<Harness> {
    const db = await createTestDatabase();
    const prisma = createPrismaClient(db.url, { maxConnections: 6 });
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const h = new Harness(db, prisma, redis, await mkdtemp(path.join(tmpdir(), 'runner-spec-')));
    const tenant = await new TenantRepo(prisma).create({
      slug: `t-${randomBytes(3).toString('hex')}`,
      name: 'T',
    });
    h.scope = { tenantId: tenant.id };
    const users = new UserRepo(prisma);
    const learner = await users.create({
      email: `l-${randomBytes(3).toString('hex')}@t.test`,
      passwordHash: 'x',
      displayName: 'L',
    });
    await users.addMember(h.scope, learner.id, 'learner');
    h.learnerId = learner.id;
    const exercises = new ExerciseRepo(prisma);
    const exercise = await exercises.create(h.scope, { slug: 'echo', title: 'Echo' });
    h.versionId = (await exercises.publishVersion(h.scope, exercise.id, { metadata: { id: 'echo' } })).id;
    return h;
  }

  /** A queued run of a C submission to the exercise version, or to `target` (e.g. a playground preset). */
  async newRun(target: SubmissionTarget = { exerciseVersionId: this.versionId }): Promise<LabRunJob> {
    const { job } = await this.runs.createWithSubmission(this.scope, {
      userId: this.learnerId,
      ...target,
      language: 'c',
      files: [{ name: 'main.c', content: 'int main(void) { return 0; }' }],
    });
    return job;
  }

  async enqueue(job: LabRunJob): Promise<void> {
    await this.queue.add('lab-run', job, { jobId: labRunJobId(job) });
  }

  startWorker(
    executor: LabExecutor,
    options: {
      runnerId?: string;
      maxAttempts?: number;
      backoffMs?: number;
      stalled?: Partial<RunnerConfig['stalled']>;
    } = {},
  ): LabRunsWorker & { metrics: RunnerMetrics } {
    const metrics = new RunnerMetrics();
    const runnerId = options.runnerId ?? `test-runner-${this.workers.length}`;
    const processor = new LabRunProcessor({
      runs: this.runs,
      submissions: new SubmissionRepo(this.prisma),
      exercises: new ExerciseRepo(this.prisma),
      artifacts: new ArtifactRepo(this.prisma),
      store: new FilesystemArtifactStore(path.join(this.artifactDir, 'store')),
      events: this.events,
      executor,
      metrics,
      enqueue: this.enqueuer.enqueue,
      runnerId,
      workDir: path.join(this.artifactDir, 'work'),
      retry: { maxAttempts: options.maxAttempts ?? 3, backoffMs: options.backoffMs ?? 50 },
      cancelPollMs: 50,
    });
    const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    this.connections.push(connection);
    const worker = startLabRunsWorker(
      connection,
      {
        queuePrefix: this.prefix,
        concurrency: 1,
        runnerId,
        stalled: {
          lockDurationMs: 30_000,
          stalledIntervalMs: 30_000,
          maxStalledCount: 2,
          ...options.stalled,
        },
      },
      processor,
    );
    this.workers.push(worker);
    return { ...worker, metrics };
  }

  async waitForRun(runId: string, until: (run: Run) => boolean, timeoutMs = 15_000): Promise<Run> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const run = await this.runs.get(this.scope, runId);
      if (until(run)) return run;
      if (Date.now() > deadline)
        throw new Error(`run ${runId} stuck in ${run.status} (attempt ${run.attempt})`);
      await sleep(50);
    }
  }

  async streamOf(runId: string): Promise<LabEvent[]> {
    const events: LabEvent[] = [];
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 3_000);
    for await (const event of this.reader.read(runId, { signal: controller.signal })) events.push(event);
    clearTimeout(timer);
    return events;
  }

  /** Force-closes every worker a test started (a failed test must not leave one consuming). */
  async stopWorkers(): Promise<void> {
    await Promise.allSettled(this.workers.splice(0).map((w) => w.worker.close(true)));
    for (const connection of this.connections.splice(0)) connection.disconnect();
  }

  async close(): Promise<void> {
    await this.stopWorkers();
    await this.queue.obliterate({ force: true }).catch(() => undefined);
    await this.queue.close();
    await this.enqueuer.close();
    const keys = await this.redis.keys(`${this.prefix}*`);
    if (keys.length > 0) await this.redis.del(...keys);
    await this.redis.quit();
    await this.prisma.$disconnect();
    await this.db.drop();
    await rm(this.artifactDir, { recursive: true, force: true });
  }
}

/**
 * A lab engine double: the event sequence of a real run (phases, build output, a TCP
 * state change, a check, the result) and two artifact files, with hooks to stall or fail.
 */
export function fakeExecutor(
  behaviour: {
    score?: number;
    /** Runs after the building phase; may wait on the signal or throw. */
    during?: (signal: AbortSignal) => Promise<void>;
    infraError?: { code: string; message: string };
  } = {},
): LabExecutor & { calls: number; specs: unknown[] } {
  const fake = {
    calls: 0,
    /** The exercise spec of each call. */
    specs: [] as unknown[],
    async execute(
      exercise: { spec: unknown },
      _submission: unknown,
      options: { outDir: string; signal: AbortSignal; onEvent: (e: LabEvent | UnsequencedLabEvent) => void },
    ): Promise<LabRunReport> {
      fake.calls++;
      fake.specs.push(exercise.spec);
      let seq = 0;
      const emit = (event: UnsequencedLabEvent) => options.onEvent({ ...event, seq: seq++ } as LabEvent);
      emit({ type: 'phase', t: 0, phase: 'building' });
      emit({ type: 'output', t: 1, stream: 'build', host: 'client', chunk: 'cc -o main main.c\n' });
      await behaviour.during?.(options.signal);
      if (behaviour.infraError)
        return { score: 0, maxScore: 10, gradable: false, infraError: behaviour.infraError, artifacts: [] };
      emit({ type: 'phase', t: 5, phase: 'running' });
      emit({
        type: 'state',
        t: 6,
        conn: '10.0.0.1:40000-10.0.0.2:7000',
        endpoint: '10.0.0.1:40000',
        from: 'SYN_SENT',
        to: 'ESTABLISHED',
        source: 'kernel',
      });
      emit({ type: 'phase', t: 8, phase: 'grading' });
      const score = behaviour.score ?? 7;
      emit({
        type: 'check',
        t: 9,
        scenario: 'basic',
        id: 'echoes',
        status: score > 0 ? 'pass' : 'fail',
        points: score,
        maxPoints: 10,
        message: '',
      });
      // Like the real lab: its own `done` and `result` come before the runner stored anything.
      emit({ type: 'phase', t: 10, phase: 'done' });
      emit({ type: 'result', t: 10, score, maxScore: 10, gradable: true });
      const report = path.join(options.outDir, 'report.json');
      const capture = path.join(options.outDir, 'capture-basic.pcapng');
      await writeFile(report, JSON.stringify({ score }));
      await writeFile(capture, Buffer.alloc(64, 0x0a));
      return {
        score,
        maxScore: 10,
        gradable: true,
        artifacts: [
          { name: 'report.json', path: report, bytes: 12 },
          { name: 'capture-basic.pcapng', path: capture, bytes: 64 },
        ],
      };
    },
  };
  return fake;
}

export function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((_, reject) => {
    const fail = () => reject(Object.assign(new Error('aborted'), { code: 'lab/aborted' }));
    if (signal.aborted) fail();
    signal.addEventListener('abort', fail, { once: true });
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
