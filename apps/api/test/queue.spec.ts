import { labRunJobId } from '@socklab/contracts';
import { createTestDatabase } from '@socklab/db';
import request from 'supertest';
import { loadApiConfig } from '../src/config/env';
import { createApiApp } from '../src/create-app';
import { RunReconciler } from '../src/queue/run-reconciler';
import {
  bearer,
  createWorld,
  eventually,
  submitRun,
  startTestApi,
  type TestApi,
  type World,
} from './support/test-api';

describe('lab-runs queue: boot, outbox and reconciler', () => {
  let api: TestApi;
  let world: World;

  beforeAll(async () => {
    api = await startTestApi();
    world = await createWorld(api, 'alpha');
  }, 60_000);
  afterAll(() => api?.close());

  const submit = (token: string) => submitRun(api, token, world.builtinExerciseId);
  const jobOf = (runId: string, attempt = 1) => api.queue.getJob(labRunJobId({ runId, attempt }));

  it('applied the migrations to the empty database at boot', async () => {
    const rows = await api.prisma.$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    expect(Number(rows[0].n)).toBeGreaterThan(0);
  });

  it('re-queues queued runs after Redis lost the queue, once, and leaves finished runs alone', async () => {
    const kept = await submit(world.learner.token);
    const cancelled = await submit(world.otherLearner.token);
    await eventually(() => jobOf(kept));
    await eventually(() => jobOf(cancelled));
    await request(api.http)
      .post(`/api/v1/runs/${cancelled}/cancel`)
      .set(...bearer(world.otherLearner.token))
      .expect(200);

    await api.queue.obliterate({ force: true });
    expect(await jobOf(kept)).toBeUndefined();

    const reconciler = api.app.get(RunReconciler);
    expect(await reconciler.reconcileOnce()).toEqual([kept]);
    const job = await jobOf(kept);
    expect(job?.data).toEqual({ runId: kept, tenantId: world.tenant.id, attempt: 1 });
    expect(await jobOf(cancelled)).toBeUndefined();
    expect(await reconciler.reconcileOnce()).toEqual([]);
    expect(await api.queue.getJobCountByTypes('waiting', 'prioritized', 'delayed')).toBe(1);
  });

  it('leaves runs whose outbox message is unpublished, or that are younger than the grace period, to the relay', async () => {
    const runId = await submit(world.instructor.token);
    await eventually(() => jobOf(runId));
    await api.queue.obliterate({ force: true });
    await api.prisma.outboxMessage.updateMany({
      where: { jobId: labRunJobId({ runId, attempt: 1 }) },
      data: { publishedAt: null },
    });
    const reconciler = api.app.get(RunReconciler);
    expect(await reconciler.reconcileOnce()).not.toContain(runId);
    await api.prisma.outboxMessage.updateMany({
      where: { jobId: labRunJobId({ runId, attempt: 1 }) },
      data: { publishedAt: new Date() },
    });
    // Seen from a minute ago, with the 15 s default grace, the run is too young to judge.
    const graceful = new RunReconciler(
      api.prisma,
      api.queue,
      loadApiConfig({ SOCKLAB_RECONCILE_GRACE_MS: '15000' }),
    );
    expect(await graceful.reconcileOnce(new Date(Date.now() - 60_000))).toEqual([]);
    expect(await reconciler.reconcileOnce()).toContain(runId);
  });

  it('fails to start, without exiting the process, when the database cannot be migrated', async () => {
    const database = await createTestDatabase({ migrated: false });
    await database.drop();
    const config = loadApiConfig({
      DATABASE_URL: database.url,
      SOCKLAB_OUTBOX_INTERVAL_MS: '0',
      SOCKLAB_RECONCILE_INTERVAL_MS: '0',
    });
    await expect(createApiApp(config, { probes: [], logger: false })).rejects.toThrow(/does not exist/);
  });
});
