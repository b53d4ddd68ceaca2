import { LAB_RUNS_QUEUE, LabRunJobSchema, RUN_STATUSES, LANGUAGES } from '@socklab/contracts';

import { Language, RunStatus } from '../../src/generated/prisma/client';
import { OutboxRelay } from '../../src/repos/outbox-relay';
import { RunRepo } from '../../src/repos/run-repo';
import { FILES, openHarness, seedTenant, type Harness, type TenantFixture } from './fixtures';

describe('run lifecycle', () => {
  let h: Harness;
  let t: TenantFixture;
  let runs: RunRepo;

  beforeAll(async () => {
    h = await openHarness();
    t = await seedTenant(h.prisma, 'lab');
    runs = new RunRepo(h.prisma);
  });
  afterAll(() => h?.close());

  const newRun = () => runs.createWithSubmission(t.scope, { userId: t.learnerId, exerciseVersionId: t.exerciseVersionId, language: 'c', files: FILES });

  it('shares its status and language vocabulary with @socklab/contracts', () => {
    expect(Object.values(RunStatus)).toEqual([...RUN_STATUSES]);
    expect(Object.values(Language)).toEqual([...LANGUAGES]);
  });

  it('stores submission, queued run and outbox message together', async () => {
    const { submission, run, job } = await newRun();
    expect(run).toMatchObject({ status: 'queued', attempt: 1, submissionId: submission.id, tenantId: t.scope.tenantId });
    expect(submission.sizeBytes).toBe(Buffer.byteLength(FILES[0]!.content));
    const outbox = await h.prisma.outboxMessage.findMany({ where: { jobId: { contains: run.id } } });
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ queue: LAB_RUNS_QUEUE, publishedAt: null });
    expect(LabRunJobSchema.parse(outbox[0]!.payload)).toEqual(job);
    expect(job).toEqual({ runId: run.id, tenantId: t.scope.tenantId, attempt: 1 });
  });

  it('walks queued → building → running → grading → done, stamping each phase', async () => {
    const { run } = await newRun();
    await runs.claim(t.scope, run.id, 1, 'runner-a');
    await runs.advance(t.scope, run.id, 'running');
    await runs.advance(t.scope, run.id, 'grading');
    const done = await runs.complete(t.scope, run.id, { score: 7, maxScore: 10, report: { checks: [] } });
    expect(done).toMatchObject({ status: 'done', runnerId: 'runner-a', score: 7, maxScore: 10, gradable: true, report: { checks: [] } });
    const stamps = [done.queuedAt, done.buildingAt, done.runningAt, done.gradingAt, done.finishedAt].map((d) => d!.getTime());
    expect([...stamps].sort((x, y) => x - y)).toEqual(stamps);
  });

  it('keeps U+0000 in submitted files and in the report (binary protocols quote such bytes)', async () => {
    const files = [{ name: 'client.py', content: 'sock.send(b"\x00\x00\x00\x05hello")  # \u0000 as text: \0\n' }];
    const { submission, run } = await runs.createWithSubmission(t.scope, { userId: t.learnerId, exerciseVersionId: t.exerciseVersionId, language: 'python', files: [{ name: 'nul.txt', content: 'a\u0000b' }, ...files] });
    expect((await h.prisma.submission.findUniqueOrThrow({ where: { id: submission.id } })).files).toEqual([{ name: 'nul.txt', content: 'a\u0000b' }, ...files]);
    await runs.claim(t.scope, run.id, 1, 'runner-a');
    await runs.advance(t.scope, run.id, 'running');
    await runs.advance(t.scope, run.id, 'grading');
    const report = { checks: [{ message: 'received "\u0000\u0000\u0000\u0005hello"' }] };
    expect((await runs.complete(t.scope, run.id, { score: 1, maxScore: 1, report })).report).toEqual(report);
  });

  it('refuses illegal moves with run/illegal-transition and leaves the run unchanged', async () => {
    const { run } = await newRun();
    await expect(runs.advance(t.scope, run.id, 'running')).rejects.toMatchObject({
      code: 'run/illegal-transition',
      details: { from: 'queued', to: 'running' },
    });
    await runs.claim(t.scope, run.id, 1, 'runner-a');
    await runs.advance(t.scope, run.id, 'running');
    await runs.advance(t.scope, run.id, 'grading');
    await runs.complete(t.scope, run.id, { score: 1, maxScore: 1, report: {} });
    await expect(runs.advance(t.scope, run.id, 'running')).rejects.toMatchObject({ code: 'run/illegal-transition', details: { from: 'done' } });
    await expect(runs.cancel(t.scope, run.id)).rejects.toMatchObject({ code: 'run/illegal-transition' });
    expect((await runs.get(t.scope, run.id)).status).toBe('done');
  });

  it('marks infrastructure failures not gradable', async () => {
    const { run } = await newRun();
    await runs.claim(t.scope, run.id, 1, 'runner-a');
    const failed = await runs.fail(t.scope, run.id, { code: 'sandbox/unavailable', message: 'no driver' });
    expect(failed).toMatchObject({ status: 'failed', gradable: false, infraErrorCode: 'sandbox/unavailable', infraErrorMessage: 'no driver' });
    expect(failed.finishedAt).toBeInstanceOf(Date);
  });

  it('lets exactly one of two racing terminal moves win', async () => {
    const { run } = await newRun();
    await runs.claim(t.scope, run.id, 1, 'runner-a');
    const outcomes = await Promise.allSettled([runs.cancel(t.scope, run.id), runs.fail(t.scope, run.id, { code: 'x/y', message: 'boom' })]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const loser = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: 'run/illegal-transition' });
  });

  it('re-queues a lost run as a new attempt with a new outbox message; the old job is stale', async () => {
    const { run } = await newRun();
    await runs.claim(t.scope, run.id, 1, 'runner-a');
    await runs.advance(t.scope, run.id, 'running');
    const { run: requeued, job } = await runs.requeue(t.scope, run.id);
    expect(requeued).toMatchObject({ status: 'queued', attempt: 2, runnerId: null, buildingAt: null, runningAt: null });
    expect(job.attempt).toBe(2);
    expect(await h.prisma.outboxMessage.count({ where: { jobId: { contains: run.id } } })).toBe(2);

    await expect(runs.claim(t.scope, run.id, 1, 'runner-late')).rejects.toMatchObject({ code: 'run/stale-attempt', details: { currentAttempt: 2 } });
    expect(await runs.claim(t.scope, run.id, 2, 'runner-b')).toMatchObject({ status: 'building', runnerId: 'runner-b' });
    await expect(runs.claim(t.scope, run.id, 2, 'runner-c')).rejects.toMatchObject({ code: 'run/illegal-transition' });
  });

  describe('outbox relay', () => {
    beforeEach(async () => {
      await h.prisma.outboxMessage.updateMany({ where: { publishedAt: null }, data: { publishedAt: new Date() } });
    });

    it('publishes each due message once, in creation order, and stamps it', async () => {
      const first = await newRun();
      const second = await newRun();
      const relay = new OutboxRelay(h.prisma);
      const seen: unknown[] = [];
      expect(await relay.publishDue(async (m) => void seen.push(m.payload))).toBe(2);
      expect(seen).toEqual([first.job, second.job]);
      expect(await relay.publishDue(async (m) => void seen.push(m.payload))).toBe(0);
      expect(await relay.pendingCount()).toBe(0);
    });

    it('keeps a message whose publish failed and retries it after the backoff', async () => {
      const { job } = await newRun();
      let clock = new Date('2030-01-01T00:00:00Z');
      const relay = new OutboxRelay(h.prisma, { now: () => clock, retryBaseMs: 1_000 });
      expect(await relay.publishDue(async () => Promise.reject(new Error('redis down')))).toBe(0);
      const [failed] = await h.prisma.outboxMessage.findMany({ where: { publishedAt: null } });
      expect(failed).toMatchObject({ publishAttempts: 1, lastError: 'redis down' });

      expect(await relay.publishDue(async () => undefined)).toBe(0); // still backing off
      clock = new Date(clock.getTime() + 1_000);
      const seen: unknown[] = [];
      expect(await relay.publishDue(async (m) => void seen.push(m.payload))).toBe(1);
      expect(seen).toEqual([job]);
    });

    it('shares work between concurrent relays without double publishing', async () => {
      await Promise.all([newRun(), newRun(), newRun(), newRun()]);
      const published: string[] = [];
      const slowPublish = async (m: { jobId: string }) => {
        await new Promise((r) => setTimeout(r, 20));
        published.push(m.jobId);
      };
      const relays = [new OutboxRelay(h.prisma, { batchSize: 2 }), new OutboxRelay(h.prisma, { batchSize: 2 })];
      const counts = await Promise.all(relays.map((r) => r.publishDue(slowPublish)));
      expect(counts.reduce((x, y) => x + y, 0) + (await relays[0]!.publishDue(slowPublish))).toBe(4);
      expect(new Set(published).size).toBe(published.length);
    });
  });
});
