import { CourseRepo } from '../../src/repos/course-repo';
import { ExerciseRepo } from '../../src/repos/exercise-repo';
import { UserRepo } from '../../src/repos/user-repo';
import { openHarness, seedTenant, type Harness, type TenantFixture } from './fixtures';

describe('CourseRepo', () => {
  let h: Harness;
  let a: TenantFixture;
  let b: TenantFixture;
  let courses: CourseRepo;

  beforeAll(async () => {
    h = await openHarness();
    a = await seedTenant(h.prisma, 'course-a');
    b = await seedTenant(h.prisma, 'course-b');
    courses = new CourseRepo(h.prisma);
  });
  afterAll(() => h?.close());

  it('enrols a member idempotently, finds and lists the enrolment with the user, and unenrols within the tenant only', async () => {
    const course = await courses.create(a.scope, { title: 'Sockets' });
    const first = await courses.enroll(a.scope, course.id, a.learnerId);
    const again = await courses.enroll(a.scope, course.id, a.learnerId);
    expect(again.createdAt).toEqual(first.createdAt);
    const listed = await courses.listEnrollments(a.scope, course.id);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ userId: a.learnerId, membership: { role: 'learner', user: { id: a.learnerId } } });
    expect(await courses.findEnrollment(a.scope, course.id, a.learnerId)).toMatchObject({ courseId: course.id });

    // Another tenant's scope sees and removes nothing.
    expect(await courses.listEnrollments(b.scope, course.id)).toEqual([]);
    expect(await courses.findEnrollment(b.scope, course.id, a.learnerId)).toBeNull();
    expect(await courses.unenroll(b.scope, course.id, a.learnerId)).toBe(false);

    expect(await courses.unenroll(a.scope, course.id, a.learnerId)).toBe(true);
    expect(await courses.unenroll(a.scope, course.id, a.learnerId)).toBe(false);
    expect(await courses.listEnrollments(a.scope, course.id)).toEqual([]);
  });

  it('refuses to enrol a user who is not a member of the course’s tenant (foreign key)', async () => {
    const course = await courses.create(a.scope, { title: 'Members only' });
    await expect(courses.enroll(a.scope, course.id, b.learnerId)).rejects.toThrow();
    const outsider = await new UserRepo(h.prisma).create({ email: 'outsider@course.test', passwordHash: 'x', displayName: 'Outsider' });
    await expect(courses.enroll(a.scope, course.id, outsider.id)).rejects.toThrow();
    expect(await courses.listEnrollments(a.scope, course.id)).toEqual([]);
  });

  it('assigns a version with maxAttempts; one holding solutions only after a passed self-test', async () => {
    const course = await courses.create(a.scope, { title: 'Assigned' });
    const plain = await courses.assign(a.scope, { courseId: course.id, exerciseVersionId: a.exerciseVersionId, title: 'Week 1', maxAttempts: 3 });
    expect(plain).toMatchObject({ courseId: course.id, maxAttempts: 3, dueAt: null });
    expect(await courses.findAssignment(a.scope, plain.id)).toMatchObject({ id: plain.id });
    expect(await courses.findAssignment(b.scope, plain.id)).toBeNull();

    const exercises = new ExerciseRepo(h.prisma);
    const exercise = await exercises.create(a.scope, { slug: 'with-solutions', title: 'With solutions' });
    const solutions = { reference: [{ language: 'python' as const, files: [{ name: 'server.py', content: 'pass\n' }] }], faulty: [] };
    const version = await exercises.publishVersion(a.scope, exercise.id, { port: 7000 }, { solutions });
    await expect(
      courses.assign(a.scope, { courseId: course.id, exerciseVersionId: version.id, title: 'Tested' }),
    ).rejects.toMatchObject({ code: 'assignment/self-test-required' });
    await h.prisma.selfTest.create({
      data: { tenantId: a.scope.tenantId, exerciseVersionId: version.id, status: 'passed', requestedById: a.learnerId, results: [] },
    });
    await expect(courses.assign(a.scope, { courseId: course.id, exerciseVersionId: version.id, title: 'Tested' })).resolves.toMatchObject({
      exerciseVersionId: version.id,
    });
  });

  it('shows a learner the assignments of their courses only', async () => {
    const mine = await courses.create(a.scope, { title: 'Mine' });
    const theirs = await courses.create(a.scope, { title: 'Not mine' });
    await courses.enroll(a.scope, mine.id, a.learnerId);
    const visible = await courses.assign(a.scope, { courseId: mine.id, exerciseVersionId: a.exerciseVersionId, title: 'Visible' });
    const hidden = await courses.assign(a.scope, { courseId: theirs.id, exerciseVersionId: a.exerciseVersionId, title: 'Hidden' });
    const ids = (await courses.assignmentsForLearner(a.scope, a.learnerId)).map((x) => x.id);
    expect(ids).toContain(visible.id);
    expect(ids).not.toContain(hidden.id);
    expect(await courses.assignmentsForLearner(b.scope, a.learnerId)).toEqual([]);
    expect(await courses.list(a.scope)).toEqual(expect.arrayContaining([expect.objectContaining({ id: mine.id })]));
    expect((await courses.list(b.scope)).map((c) => c.id)).not.toContain(mine.id);
  });
});
