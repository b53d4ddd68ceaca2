import { createHash } from 'node:crypto';

import { labRunJobId } from '@socklab/contracts';
import { ArtifactRepo, FilesystemArtifactStore } from '@socklab/db';
import path from 'node:path';

import { fakeExecutor, Harness, sleep, untilAborted } from './harness';

jest.setTimeout(30_000);

describe('lab-runs worker', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await Harness.open();
  });
  afterEach(() => h.stopWorkers());
  afterAll(() => h?.close());

  it('takes a run through building, running, grading to done, storing report, artifacts and events', async () => {
    const worker = h.startWorker(fakeExecutor({ score: 7 }));
    const job = await h.newRun();
    const statusAtResult = statusWhenResultArrives(h, job.runId);
    await h.enqueue(job);
    const run = await h.waitForRun(job.runId, (r) => r.status === 'done');
    expect(await statusAtResult).toBe('done'); // the result event follows the recorded outcome
    expect(run).toMatchObject({
      score: 7,
      maxScore: 10,
      gradable: true,
      attempt: 1,
      report: { score: 7, maxScore: 10 },
    });
    expect(run.runnerId).toBe(`test-runner-0/${labRunJobId(job)}`);
    const stamps = [run.queuedAt, run.buildingAt, run.runningAt, run.gradingAt, run.finishedAt].map((d) =>
      d!.getTime(),
    );
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);

    const artifacts = await new ArtifactRepo(h.prisma).listForRun(h.scope, job.runId);
    expect(artifacts.map((a) => [a.name, a.kind, a.sizeBytes]).sort()).toEqual([
      ['capture-basic.pcapng', 'capture', 64],
      ['report.json', 'report', 11],
    ]);
    const store = new FilesystemArtifactStore(path.join(h.artifactDir, 'store'));
    const capture = artifacts.find((a) => a.kind === 'capture')!;
    const chunks: Buffer[] = [];
    for await (const chunk of await store.get(capture.storageKey)) chunks.push(chunk as Buffer);
    expect(createHash('sha256').update(Buffer.concat(chunks)).digest('hex')).toBe(capture.sha256);

    const events = await h.streamOf(job.runId);
    expect(events.map((e) => e.seq)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(events.map((e) => (e.type === 'phase' ? `phase:${e.phase}` : e.type))).toEqual([
      'phase:building',
      'output',
      'phase:running',
      'state',
      'phase:grading',
      'check',
      'phase:done',
      'result',
    ]);
    await expect(waitFinished(h, labRunJobId(job))).resolves.toBe('done');
    expect(worker.metrics.render()).toContain('socklab_runner_jobs_processed_total{outcome="done"} 1');
    await worker.shutdown(1_000);
  });

  it('records a graded 0 as done, not as a failure', async () => {
    const worker = h.startWorker(fakeExecutor({ score: 0 }));
    const job = await h.newRun();
    await h.enqueue(job);
    expect(await h.waitForRun(job.runId, (r) => r.status === 'done')).toMatchObject({
      score: 0,
      gradable: true,
    });
    await worker.shutdown(1_000);
  });

  it('drops a duplicate job for an older attempt without running it', async () => {
    const executor = fakeExecutor();
    const worker = h.startWorker(executor);
    const job = await h.newRun();
    await h.runs.claim(h.scope, job.runId, 1, 'elsewhere');
    await h.runs.requeue(h.scope, job.runId); // the run is now at attempt 2
    await h.enqueue(job);
    const bullJob = (await h.queue.getJob(labRunJobId(job)))!;
    await expect(waitFinished(h, bullJob.id!)).resolves.toBe('dropped');
    expect(executor.calls).toBe(0);
    expect(await h.runs.get(h.scope, job.runId)).toMatchObject({ status: 'queued', attempt: 2 });
    await worker.shutdown(1_000);
  });

  it('retries an infrastructure failure, then marks the run not gradable with its code', async () => {
    const executor = fakeExecutor({
      during: async () => {
        throw Object.assign(new Error('bubblewrap is missing'), { code: 'lab/sandbox-failed' });
      },
    });
    const worker = h.startWorker(executor, { maxAttempts: 2 });
    const job = await h.newRun();
    await h.enqueue(job);
    const run = await h.waitForRun(job.runId, (r) => r.status === 'failed');
    expect(run).toMatchObject({
      gradable: false,
      infraErrorCode: 'lab/sandbox-failed',
      infraErrorMessage: 'bubblewrap is missing',
      attempt: 2,
    });
    expect(executor.calls).toBe(2);
    const events = await h.streamOf(job.runId);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
    expect(events.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.code)).toEqual([
      'lab/sandbox-failed',
      'lab/sandbox-failed',
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'result', gradable: false });
    expect(events.filter((e) => e.type === 'result')).toHaveLength(1); // none for the retried attempt
    expect(events.filter((e) => e.type === 'phase' && e.phase === 'queued')).toHaveLength(1);
    await worker.shutdown(1_000);
  });

  it('treats a report with infraError like a thrown infrastructure failure', async () => {
    const worker = h.startWorker(
      fakeExecutor({ infraError: { code: 'lab/network-setup-failed', message: 'no TAP' } }),
      { maxAttempts: 1 },
    );
    const job = await h.newRun();
    await h.enqueue(job);
    expect(await h.waitForRun(job.runId, (r) => r.status === 'failed')).toMatchObject({
      gradable: false,
      infraErrorCode: 'lab/network-setup-failed',
      attempt: 1,
    });
    await worker.shutdown(1_000);
  });

  it('aborts the executor when the run is cancelled and leaves the run cancelled', async () => {
    let sawAbort = false;
    const worker = h.startWorker(
      fakeExecutor({
        during: (signal) =>
          untilAborted(signal).catch((error: unknown) => {
            sawAbort = true;
            throw error;
          }),
      }),
    );
    const job = await h.newRun();
    await h.enqueue(job);
    await h.waitForRun(job.runId, (r) => r.status === 'building');
    await h.runs.cancel(h.scope, job.runId);
    await expect(waitFinished(h, labRunJobId(job))).resolves.toBe('cancelled');
    expect(sawAbort).toBe(true);
    expect(await h.runs.get(h.scope, job.runId)).toMatchObject({ status: 'cancelled', gradable: false });
    const events = await h.streamOf(job.runId);
    expect(events.slice(-3)).toMatchObject([
      { type: 'error', code: 'run/cancelled' },
      { type: 'phase', phase: 'done' },
      { type: 'result', gradable: false },
    ]);
    await worker.shutdown(1_000);
  });

  it('finishes the job of a runner that died, through stalled-job recovery on another runner', async () => {
    const stalled = { lockDurationMs: 1_000, stalledIntervalMs: 500 };
    let release: () => void = () => undefined;
    const dying = h.startWorker(
      fakeExecutor({ during: () => new Promise<void>((resolve) => (release = resolve)) }),
      {
        runnerId: 'dying',
        stalled,
      },
    );
    const job = await h.newRun();
    await h.enqueue(job);
    await h.waitForRun(job.runId, (r) => r.status === 'building');
    await dying.worker.close(true); // no lock renewal, no completion: as if the process was killed
    // BullMQ throttles stalled checks queue-wide with this key; earlier tests' workers set it for 30 s.
    await h.redis.del(`${h.prefix}:lab-runs:stalled-check`);
    const survivor = h.startWorker(fakeExecutor({ score: 4 }), { runnerId: 'survivor', stalled });
    const run = await h.waitForRun(job.runId, (r) => r.status === 'done');
    expect(run).toMatchObject({
      score: 4,
      attempt: 2,
      runnerId: `survivor/${labRunJobId({ ...job, attempt: 2 })}`,
    });
    await survivor.shutdown(1_000);
    release(); // the dead runner's leftover processor must not touch the finished run
    await sleep(300);
    expect(await h.runs.get(h.scope, job.runId)).toMatchObject({ status: 'done', attempt: 2, score: 4 });
    expect(await new ArtifactRepo(h.prisma).listForRun(h.scope, job.runId)).toHaveLength(2);
  });

  it('lets an in-flight job finish on shutdown within the grace period', async () => {
    const worker = h.startWorker(fakeExecutor({ during: () => sleep(300) }));
    const job = await h.newRun();
    await h.enqueue(job);
    await h.waitForRun(job.runId, (r) => r.status === 'building');
    await worker.shutdown(10_000);
    expect(await h.runs.get(h.scope, job.runId)).toMatchObject({ status: 'done', attempt: 1 });
  });

  it('hands an in-flight job back on shutdown past the grace period; another runner finishes it', async () => {
    const worker = h.startWorker(fakeExecutor({ during: (signal) => untilAborted(signal) }));
    const job = await h.newRun();
    await h.enqueue(job);
    await h.waitForRun(job.runId, (r) => r.status === 'building');
    await worker.shutdown(200);
    expect(await h.runs.get(h.scope, job.runId)).toMatchObject({
      status: 'queued',
      attempt: 2,
      runnerId: null,
    });
    expect(await (await h.queue.getJob(labRunJobId(job)))!.getState()).toBe('completed');
    const next = (await h.queue.getJob(labRunJobId({ ...job, attempt: 2 })))!;
    expect(await next.getState()).toBe('waiting');
    expect(next.data).toMatchObject({ attempt: 2 });
    const another = h.startWorker(fakeExecutor());
    expect(await h.waitForRun(job.runId, (r) => r.status === 'done')).toMatchObject({ attempt: 2 });
    await another.shutdown(1_000);
  });
});

/** Reads the run's stream live; at its `result` event, the run's status in PostgreSQL. */
async function statusWhenResultArrives(h: Harness, runId: string): Promise<string | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 15_000);
  try {
    for await (const event of h.reader.read(runId, { signal: controller.signal }))
      if (event.type === 'result') return (await h.runs.get(h.scope, runId)).status;
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function waitFinished(h: Harness, jobId: string, timeoutMs = 10_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await h.queue.getJob(jobId);
    // Read the job again once it is completed: the snapshot above may predate its return value.
    if (job && (await job.isCompleted())) return (await h.queue.getJob(jobId))?.returnvalue;
    if (job && (await job.isFailed())) throw new Error(`job failed: ${job.failedReason}`);
    if (Date.now() > deadline) throw new Error(`job ${jobId} did not finish`);
    await sleep(50);
  }
}
