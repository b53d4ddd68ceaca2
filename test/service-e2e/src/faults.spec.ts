import { createPrismaClient, type PrismaClient } from '@socklab/db';
import { Redis } from 'ioredis';
import { isAlive, processesMentioning } from './support/host-processes';
import { labLeftovers } from './support/lab-leftovers';
import { LiveWatcher } from './support/live-watch';
import { freeLoopbackPort } from './support/ports';
import { submit, waitForRun, type RunView } from './support/runs';
import { startServe, type ServeHandle } from './support/serve-process';
import { ServiceEnvironment } from './support/service-environment';
import { referenceSubmission, type ExpectedSubmission } from './support/solutions';
import { createWorld, type World } from './support/world';

jest.setTimeout(900_000);

const RUN_TIMEOUT_MS = 300_000;

/**
 * Faults against the running service: a runner killed mid-run, Redis flushed, the API
 * killed. A run accepted with 202 is never lost and never stuck. The service runs on a
 * Redis of its own (started by serve on a free port), so flushing it touches no one else;
 * runner locks and the reconciler run on short intervals so recovery fits a test.
 */
describe('socklab service under faults', () => {
  let env: ServiceEnvironment;
  let serve: ServeHandle;
  let world: World;
  let prisma: PrismaClient;
  let privateRedisUrl: string;
  let reference: ExpectedSubmission;
  const runIds: string[] = [];

  beforeAll(async () => {
    env = await ServiceEnvironment.create();
    privateRedisUrl = `redis://127.0.0.1:${await freeLoopbackPort()}`;
    const serviceEnv = {
      ...env.env,
      REDIS_URL: privateRedisUrl,
      SOCKLAB_RUNNER_LOCK_DURATION_MS: '4000',
      SOCKLAB_RUNNER_STALLED_INTERVAL_MS: '2000',
      SOCKLAB_RECONCILE_INTERVAL_MS: '2000',
      SOCKLAB_RECONCILE_GRACE_MS: '3000',
      SOCKLAB_MAX_INFLIGHT_RUNS: '20',
      SOCKLAB_MAX_SUBMISSIONS_PER_MINUTE: '100',
    };
    serve = await startServe(['--port', '0', '--runners', '2', '--var', env.varDir], serviceEnv);
    expect(serve.status.redis).toBe('started-locally');
    world = await createWorld(serve.status, serviceEnv);
    prisma = createPrismaClient(env.database.url, { maxConnections: 2 });
    reference = await referenceSubmission(world.exercise, 'python');
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    if (serve) expect(await serve.stop('SIGTERM')).toBe(0);
    const leftProcesses = env ? processesMentioning(env.varDir) : [];
    await env?.close();
    expect(leftProcesses).toEqual([]);
    expect(labLeftovers(runIds)).toEqual([]);
  });

  it("finishes a run whose runner is killed mid-run on another runner, and reaps the dead runner's lab", async () => {
    const { runId } = await submit(world.learner.api, world.exerciseId, reference.submission);
    runIds.push(runId);
    const taken = await waitForRun(world.learner.api, runId, RUN_TIMEOUT_MS, (r) =>
      ['building', 'running'].includes(r.status),
    );
    const holder = (await prisma.run.findUniqueOrThrow({ where: { id: runId } })).runnerId ?? '';
    const pid = Number(/:(\d+)\//.exec(holder)?.[1]);
    expect(serve.status.runners.map((r) => r.pid)).toContain(pid);
    process.kill(pid, 'SIGKILL');

    const run = await waitForRun(world.learner.api, runId, RUN_TIMEOUT_MS);
    // Finished by another runner as a new attempt, or marked not gradable: never lost or stuck.
    if (run.status === 'done') {
      // Graded, whatever the score (exact scores are service.spec's business).
      expect(run).toMatchObject({ gradable: true, maxScore: reference.maxScore });
      expect(run.attempt).toBeGreaterThan(taken.attempt);
    } else {
      expect(run).toMatchObject({ status: 'failed', gradable: false });
    }
    expect(isAlive(pid)).toBe(false);
    await eventually(() => serve.logs.some((line) => /\[runner-\d\] exited unexpectedly/.test(line)));
    // The restarted runner sweeps the dead one's lab (sandboxes, namespaces, trace instances).
    await eventually(() => labLeftovers([runId]).length === 0, 60_000);
  });

  it('loses no accepted submission when Redis is flushed', async () => {
    const accepted = [];
    for (const learner of [world.learner, world.otherLearner, world.learner, world.otherLearner])
      accepted.push((await submit(learner.api, world.exerciseId, reference.submission)).runId);
    runIds.push(...accepted);
    const redis = new Redis(privateRedisUrl);
    try {
      await redis.flushall(); // waiting jobs and event streams are gone; PostgreSQL still has the runs
    } finally {
      redis.disconnect();
    }
    for (const runId of accepted) {
      // Graded, whatever the score (exact scores are service.spec's business).
      const run = await waitForRun(world.instructor.api, runId, RUN_TIMEOUT_MS);
      expect(run).toMatchObject({ status: 'done', gradable: true, maxScore: reference.maxScore });
      expect(run.score).toEqual(expect.any(Number));
    }
  });

  it('loses nothing when the API is killed: the run completes, sessions stay valid, live events resume', async () => {
    const { runId } = await submit(world.learner.api, world.exerciseId, reference.submission);
    runIds.push(runId);
    const apiPid = serve.status.apiPid;
    process.kill(apiPid, 'SIGKILL');
    await eventually(() => serve.logs.some((line) => /\[api\] exited unexpectedly/.test(line)));

    const run = await waitForRun(world.learner.api, runId, RUN_TIMEOUT_MS);
    expect(run).toMatchObject({ status: 'done', gradable: true, maxScore: reference.maxScore });
    expect(isAlive(apiPid)).toBe(false);

    // A watcher of the restarted API gets the whole history, in order, up to the result.
    const watcher = await LiveWatcher.connect(world.origin, world.learner.api.token ?? '');
    try {
      expect(await watcher.subscribe(runId)).toMatchObject({ ok: true });
      const { events, end } = await watcher.untilEnd(runId, 60_000);
      expect(end.reason).toBe('result');
      const seqs = events.map((r) => r.event.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i));
      expect(events.at(-1)?.event).toMatchObject({ type: 'result', score: run.score, gradable: true });
    } finally {
      watcher.close();
    }
    const mine = (await world.learner.api.get<RunView[]>('/api/v1/runs')).body.map((r) => r.id);
    expect(mine).toEqual(expect.arrayContaining(runIds.filter((id) => id === runId)));
  });
});

async function eventually(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
