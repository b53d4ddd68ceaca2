import { Prisma } from '../../src/generated/prisma/client';
import { CourseRepo } from '../../src/repos/course-repo';
import { ExerciseRepo } from '../../src/repos/exercise-repo';
import { RunRepo } from '../../src/repos/run-repo';
import { SubmissionRepo } from '../../src/repos/submission-repo';
import { FILES, openHarness, seedTenant, type Harness, type TenantFixture } from './fixtures';

/** Prisma's code for a foreign key violation reported by the database. */
const FOREIGN_KEY_VIOLATION = 'P2003';

describe('tenant isolation', () => {
  let h: Harness;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => {
    h = await openHarness();
    a = await seedTenant(h.prisma, 'acme');
    b = await seedTenant(h.prisma, 'globex');
  });
  afterAll(() => h?.close());

  const expectForeignKeyViolation = async (work: Promise<unknown>) => {
    const error = await work.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe(FOREIGN_KEY_VIOLATION);
  };

  it('the database refuses a submission in tenant A for tenant B’s exercise version', async () => {
    await expectForeignKeyViolation(
      new RunRepo(h.prisma).createWithSubmission(a.scope, { userId: a.learnerId, exerciseVersionId: b.exerciseVersionId, language: 'c', files: FILES }),
    );
    expect(await h.prisma.outboxMessage.count({ where: { tenantId: a.scope.tenantId } })).toBe(0);
  });

  it('the database refuses a submission by a user who is not a member of the tenant', async () => {
    await expectForeignKeyViolation(
      new RunRepo(h.prisma).createWithSubmission(a.scope, { userId: b.learnerId, exerciseVersionId: a.exerciseVersionId, language: 'c', files: FILES }),
    );
  });

  it('the database refuses cross-tenant links even when written without repositories', async () => {
    const courseOfB = await new CourseRepo(h.prisma).create(b.scope, { title: 'Sockets 101' });
    await expectForeignKeyViolation(
      h.prisma.assignment.create({ data: { tenantId: a.scope.tenantId, courseId: courseOfB.id, exerciseVersionId: a.exerciseVersionId, title: 'x' } }),
    );
    await expectForeignKeyViolation(new CourseRepo(h.prisma).enroll(b.scope, courseOfB.id, a.learnerId));
  });

  it('repositories do not find another tenant’s rows by id', async () => {
    const { run, submission } = await new RunRepo(h.prisma).createWithSubmission(a.scope, {
      userId: a.learnerId,
      exerciseVersionId: a.exerciseVersionId,
      language: 'python',
      files: FILES,
    });
    await expect(new RunRepo(h.prisma).get(b.scope, run.id)).rejects.toMatchObject({ code: 'run/not-found' });
    await expect(new RunRepo(h.prisma).cancel(b.scope, run.id)).rejects.toMatchObject({ code: 'run/not-found' });
    await expect(new SubmissionRepo(h.prisma).get(b.scope, submission.id)).rejects.toMatchObject({ code: 'submission/not-found' });
    await expect(new ExerciseRepo(h.prisma).getVersion(b.scope, a.exerciseVersionId)).rejects.toMatchObject({ code: 'exercise/not-found' });
    expect((await new RunRepo(h.prisma).get(a.scope, run.id)).status).toBe('queued');
  });
});
