import { LAB_RUNS_QUEUE, LAB_SELF_TESTS_QUEUE, SelfTestJobSchema } from '@socklab/contracts';

import { CourseRepo } from '../../src/repos/course-repo';
import { ExerciseRepo, versionContentHash, type StoredSolutions } from '../../src/repos/exercise-repo';
import { RunRepo } from '../../src/repos/run-repo';
import { SelfTestRepo } from '../../src/repos/self-test-repo';
import { FILES, openHarness, seedTenant, type Harness, type TenantFixture } from './fixtures';

const SOLUTIONS: StoredSolutions = {
  reference: [{ language: 'c', files: [{ name: 'main.c', content: 'int main(void) { return 0; }\n' }] }],
  faulty: [
    {
      name: 'never-closes',
      description: 'stays in CLOSE_WAIT',
      mustFail: ['server-close-path'],
      sources: [{ language: 'c', files: [{ name: 'main.c', content: 'int main(void) { for (;;); }\n' }] }],
    },
  ],
};

describe('exercise versions with solutions, self-tests, regrades', () => {
  let h: Harness;
  let t: TenantFixture;
  let other: TenantFixture;
  const exercises = () => new ExerciseRepo(h.prisma);
  const selfTests = () => new SelfTestRepo(h.prisma);
  const runs = () => new RunRepo(h.prisma);

  beforeAll(async () => {
    h = await openHarness();
    t = await seedTenant(h.prisma, 'alpha');
    other = await seedTenant(h.prisma, 'beta');
  }, 30_000);
  afterAll(() => h?.close());

  async function folderVersion(slug: string, solutions: StoredSolutions = SOLUTIONS) {
    const exercise = await exercises().create(t.scope, { slug, title: slug });
    const content = { statement: '# Echo\n', starters: [], solutions };
    return exercises().publishVersion(t.scope, exercise.id, { port: 7000 }, content);
  }

  it('stores solutions with the version; they enter the content hash only when present', async () => {
    const version = await folderVersion('with-solutions');
    expect(version.solutions).toEqual(SOLUTIONS);
    expect(version.contentHash).toBe(versionContentHash({ port: 7000 }, { statement: '# Echo\n', solutions: SOLUTIONS }));
    expect(versionContentHash({ port: 7000 }, { statement: '# Echo\n' })).not.toBe(version.contentHash);
    // A version without solutions hashes as before solutions existed.
    expect(versionContentHash({ port: 7000 }, { solutions: null })).toBe(versionContentHash({ port: 7000 }));
    const again = await exercises().publishVersion(t.scope, version.exerciseId, { port: 7000 }, {
      statement: '# Echo\n',
      starters: [],
      solutions: JSON.parse(JSON.stringify(SOLUTIONS)),
    });
    expect(again.id).toBe(version.id);
    const changed = { ...SOLUTIONS, faulty: [] };
    const next = await exercises().publishVersion(t.scope, version.exerciseId, { port: 7000 }, { statement: '# Echo\n', solutions: changed });
    expect(next.version).toBe(2);
  });

  it('queues a self-test with its outbox message, and lets only the current attempt move it', async () => {
    const version = await folderVersion('self-tested');
    const { selfTest, job } = await selfTests().request(t.scope, { exerciseVersionId: version.id, requestedById: t.learnerId });
    expect(selfTest).toMatchObject({ status: 'queued', attempt: 1, results: [] });
    const outbox = await h.prisma.outboxMessage.findFirstOrThrow({ where: { queue: LAB_SELF_TESTS_QUEUE, jobId: `self-test-${selfTest.id}-1` } });
    expect(SelfTestJobSchema.parse(outbox.payload)).toEqual(job);

    expect(await selfTests().claim(t.scope, selfTest.id, 2, 'runner-a')).toBeNull();
    expect(await selfTests().claim(t.scope, selfTest.id, 1, 'runner-a')).toMatchObject({ status: 'running', runnerId: 'runner-a' });
    expect(await selfTests().recordProgress(t.scope, selfTest.id, 1, [{ name: 'reference' }])).toBe(true);
    // Handed back by a runner shutting down: a new attempt, a new job; the old job is stale.
    const requeued = await selfTests().requeue(t.scope, selfTest.id, 1);
    expect(requeued?.selfTest).toMatchObject({ status: 'queued', attempt: 2, results: [], runnerId: null });
    expect(await selfTests().finish(t.scope, selfTest.id, 1, { passed: true, results: [] })).toBe(false);
    expect(await selfTests().claim(t.scope, selfTest.id, 2, 'runner-b')).not.toBeNull();
    expect(await selfTests().finish(t.scope, selfTest.id, 2, { passed: false, results: [{ ok: false }] })).toBe(true);
    expect(await selfTests().fail(t.scope, selfTest.id, 2, { code: 'x/y', message: 'late' })).toBe(false);
    expect(await selfTests().get(t.scope, selfTest.id)).toMatchObject({ status: 'failed', results: [{ ok: false }] });
    await expect(selfTests().get(other.scope, selfTest.id)).rejects.toMatchObject({ code: 'self-test/not-found' });
  });

  it('assigns a version with solutions only after a self-test passed; a bare spec at once', async () => {
    const courses = new CourseRepo(h.prisma);
    const course = await courses.create(t.scope, { title: 'Sockets' });
    const version = await folderVersion('gated');
    await expect(courses.assign(t.scope, { courseId: course.id, exerciseVersionId: version.id, title: 'Week 2' })).rejects.toMatchObject({
      code: 'assignment/self-test-required',
    });
    const { selfTest } = await selfTests().request(t.scope, { exerciseVersionId: version.id, requestedById: t.learnerId });
    await selfTests().claim(t.scope, selfTest.id, 1, 'runner-a');
    await selfTests().finish(t.scope, selfTest.id, 1, { passed: true, results: [] });
    await expect(courses.assign(t.scope, { courseId: course.id, exerciseVersionId: version.id, title: 'Week 2' })).resolves.toMatchObject({
      exerciseVersionId: version.id,
    });
    await expect(courses.assign(t.scope, { courseId: course.id, exerciseVersionId: t.exerciseVersionId, title: 'Week 1' })).resolves.toBeDefined();
  });

  it('regrades a finished run as a new run of its submission, keeping the old one', async () => {
    const { run } = await runs().createWithSubmission(t.scope, { userId: t.learnerId, exerciseVersionId: t.exerciseVersionId, language: 'c', files: FILES });
    const early = await runs().regrade(t.scope, [run.id]);
    expect(early).toEqual({ queued: [], skipped: [{ runId: run.id, reason: 'run/not-finished' }] });
    await runs().claim(t.scope, run.id, 1, 'runner-a');
    await runs().advance(t.scope, run.id, 'running');
    await runs().advance(t.scope, run.id, 'grading');
    await runs().complete(t.scope, run.id, { score: 3, maxScore: 10, report: { v: 1 } });

    const { queued, skipped } = await runs().regrade(t.scope, [run.id, run.id]);
    expect(queued).toHaveLength(1);
    expect(skipped).toEqual([{ runId: run.id, reason: 'run/regrade-in-progress' }]);
    const regrade = queued[0]!.run;
    expect(regrade).toMatchObject({ status: 'queued', attempt: 1, submissionId: run.submissionId, regradeOfId: run.id });
    expect(await h.prisma.outboxMessage.count({ where: { queue: LAB_RUNS_QUEUE, jobId: `run-${regrade.id}-1` } })).toBe(1);
    expect(await runs().get(t.scope, run.id)).toMatchObject({ status: 'done', score: 3, report: { v: 1 } });
    expect(await runs().regrade(other.scope, [run.id])).toEqual({ queued: [], skipped: [{ runId: run.id, reason: 'run/not-found' }] });
  });
});
