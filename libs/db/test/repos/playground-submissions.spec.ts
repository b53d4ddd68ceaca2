import { randomUUID } from 'node:crypto';

import { RunRepo } from '../../src/repos/run-repo';
import { FILES, openHarness, seedTenant, type Harness, type TenantFixture } from './fixtures';

describe('playground submissions', () => {
  let h: Harness;
  let t: TenantFixture;
  let runs: RunRepo;

  beforeAll(async () => {
    h = await openHarness();
    t = await seedTenant(h.prisma, 'play');
    runs = new RunRepo(h.prisma);
  });
  afterAll(() => h?.close());

  const row = (data: {
    exerciseVersionId?: string | null;
    playgroundPresetId?: string | null;
    assignmentId?: string | null;
  }) =>
    h.prisma.submission.create({
      data: {
        tenantId: t.scope.tenantId,
        userId: t.learnerId,
        language: 'c',
        files: FILES,
        sizeBytes: 1,
        ...data,
      },
    });

  it('are stored with their queued run and outbox message, naming the preset and no exercise version', async () => {
    const { submission, run, job } = await runs.createWithSubmission(t.scope, {
      userId: t.learnerId,
      playgroundPresetId: 'echo-server',
      language: 'c',
      files: FILES,
    });
    expect(submission).toMatchObject({
      playgroundPresetId: 'echo-server',
      exerciseVersionId: null,
      assignmentId: null,
    });
    expect(run).toMatchObject({ status: 'queued', attempt: 1, submissionId: submission.id });
    expect(await h.prisma.outboxMessage.count({ where: { jobId: { contains: job.runId } } })).toBe(1);
  });

  it('the database takes exactly one of an exercise version and a preset, and no assignment with a preset', async () => {
    await expect(
      row({ exerciseVersionId: t.exerciseVersionId, playgroundPresetId: 'echo-server' }),
    ).rejects.toThrow(/Submission_exercise_xor_playground/);
    await expect(row({})).rejects.toThrow(/Submission_exercise_xor_playground/);
    await expect(row({ playgroundPresetId: 'echo-server', assignmentId: randomUUID() })).rejects.toThrow(
      /Submission_playground_not_assigned/,
    );
    expect(await row({ exerciseVersionId: t.exerciseVersionId })).toMatchObject({ playgroundPresetId: null });
  });
});
