import { LAB_RUN_JOB_NAME, LAB_RUN_JOB_RETENTION, labRunJobId, type LabRunJob } from '@socklab/contracts';
import {
  ArtifactRepo,
  FilesystemArtifactStore,
  isArtifactStoreError,
  OutboxRelay,
  type TenantScope,
} from '@socklab/db';
import path from 'node:path';

import { artifactStorageKey } from '../src/run-artifacts';
import { fakeExecutor, Harness, sleep, untilAborted } from './harness';

jest.setTimeout(30_000);

/** Retries, lost runners and retried artifacts: no run is duplicated, lost or left mid-phase. */
describe('run recovery', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await Harness.open();
  });
  afterEach(() => h.stopWorkers());
  afterAll(() => h?.close());

  it('retries as one job per attempt: the outbox relay publishing the requeue adds no second job', async () => {
    let calls = 0;
    const flaky = fakeExecutor({
      during: async () => {
        if (++calls === 1)
          throw Object.assign(new Error('TAP vanished'), { code: 'lab/network-setup-failed' });
      },
    });
    const worker = h.startWorker(flaky, { backoffMs: 1_500 });
    const job = await h.newRun();
    await h.enqueue(job);
    const second = labRunJobId({ ...job, attempt: 2 });
    await eventually(() => h.queue.getJob(second));

    // What the API's relay does with the outbox message RunRepo.requeue wrote for attempt 2.
    const published = await new OutboxRelay(h.prisma).publishDue((message) =>
      h.queue
        .add(LAB_RUN_JOB_NAME, message.payload as LabRunJob, {
          jobId: message.jobId,
          ...LAB_RUN_JOB_RETENTION,
        })
        .then(() => undefined),
    );
    expect(published).toBeGreaterThanOrEqual(1);
    expect(await (await h.queue.getJob(second))?.getState()).toBe('delayed'); // the backoff still holds

    expect(await h.waitForRun(job.runId, (r) => r.status === 'done')).toMatchObject({ attempt: 2, score: 7 });
    expect(flaky.calls).toBe(2);
    const jobsOfRun = (await h.queue.getJobs(['completed', 'failed', 'waiting', 'delayed', 'active']))
      .filter((j) => (j.data as LabRunJob).runId === job.runId)
      .map((j) => j.id)
      .sort();
    expect(jobsOfRun).toEqual([labRunJobId(job), second].sort());
    await worker.shutdown(1_000);
  });

  it('fails a run not gradable when BullMQ gives up on its job for stalling too often', async () => {
    const job = await runWhoseRunnerDies();
    const survivor = h.startWorker(fakeExecutor(), {
      runnerId: 'survivor',
      stalled: { ...FAST_STALL_CHECK, maxStalledCount: 0 },
    });
    const run = await h.waitForRun(job.runId, (r) => r.status === 'failed');
    expect(run).toMatchObject({ gradable: false, infraErrorCode: 'runner/lost', attempt: 1 });
    const events = await h.streamOf(job.runId);
    expect(events.slice(-3)).toMatchObject([
      { type: 'error', code: 'runner/lost' },
      { type: 'phase', phase: 'done' },
      { type: 'result', gradable: false },
    ]);
    await survivor.shutdown(1_000);
  });

  it('fails a run not gradable with runner/lost when its last attempt lost its runner', async () => {
    const job = await runWhoseRunnerDies();
    const survivor = h.startWorker(fakeExecutor(), {
      runnerId: 'survivor',
      maxAttempts: 1,
      stalled: FAST_STALL_CHECK,
    });
    const run = await h.waitForRun(job.runId, (r) => r.status === 'failed');
    expect(run).toMatchObject({ gradable: false, infraErrorCode: 'runner/lost', attempt: 1 });
    expect(run.infraErrorMessage).toMatch(/dying stopped responding during attempt 1/);
    await survivor.shutdown(1_000);
  });

  it('replaces the artifacts an earlier attempt of the run stored, and removes their objects', async () => {
    const store = new FilesystemArtifactStore(path.join(h.artifactDir, 'store'));
    const artifacts = new ArtifactRepo(h.prisma);
    const job = await h.newRun();
    await h.runs.claim(h.scope, job.runId, 1, 'lost-runner/x');
    const oldKeys = await storeAsAttempt(h.scope, job.runId, 1, [
      'report.json',
      'capture-basic.pcapng',
      'build.log',
    ]);
    const { job: retry } = await h.runs.requeue(h.scope, job.runId);
    const worker = h.startWorker(fakeExecutor());
    await h.enqueue(retry);
    await h.waitForRun(job.runId, (r) => r.status === 'done');

    const rows = await artifacts.listForRun(h.scope, job.runId);
    expect(rows.map((a) => a.name).sort()).toEqual(['capture-basic.pcapng', 'report.json']);
    expect(rows.every((a) => a.storageKey.includes(`/${job.runId}/2/`))).toBe(true);
    for (const key of oldKeys) {
      const missing = await store.stat(key).then(
        () => false,
        (error: unknown) => isArtifactStoreError(error, 'artifact/not-found'),
      );
      expect(missing).toBe(true);
    }
    await worker.shutdown(1_000);

    async function storeAsAttempt(scope: TenantScope, runId: string, attempt: number, names: string[]) {
      const keys = [];
      for (const name of names) {
        const storageKey = artifactStorageKey(scope, runId, attempt, name);
        const { size, sha256 } = await store.put(storageKey, Buffer.from(`attempt ${attempt}`));
        await artifacts.create(scope, runId, { kind: 'log', name, sizeBytes: size, sha256, storageKey });
        keys.push(storageKey);
      }
      return keys;
    }
  });

  const FAST_STALL_CHECK = { lockDurationMs: 1_000, stalledIntervalMs: 500 };

  /** A run in building whose runner was killed (no lock renewal, no completion). */
  async function runWhoseRunnerDies(): Promise<LabRunJob> {
    // Its leftover processor (the process is "dead", not the test's promise) notices the
    // run moved on through its watch, and must not touch it.
    const dying = h.startWorker(fakeExecutor({ during: (signal) => untilAborted(signal) }), {
      runnerId: 'dying',
      stalled: FAST_STALL_CHECK,
    });
    const job = await h.newRun();
    await h.enqueue(job);
    await h.waitForRun(job.runId, (r) => r.status === 'building');
    await dying.worker.close(true);
    // BullMQ throttles stalled checks queue-wide with this key; earlier workers set it.
    await h.redis.del(`${h.prefix}:lab-runs:stalled-check`);
    return job;
  }
});

async function eventually<T>(probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await sleep(50);
  }
}
