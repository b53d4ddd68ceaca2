import type { Db } from '../client';
import { DbError } from '../errors';
import type { Assignment, Course, Enrollment, MembershipRole } from '../generated/prisma/client';
import type { TenantScope } from '../tenant-scope';

const ENROLLMENT_USER_INCLUDE = {
  membership: { select: { role: true, user: { select: { id: true, email: true, displayName: true } } } },
} as const;

/** An enrolment with the member it enrols. */
export type EnrollmentWithUser = Enrollment & {
  membership: { role: MembershipRole; user: { id: string; email: string; displayName: string } };
};

/** Courses, their learners, and the exercise versions assigned to them. */
export class CourseRepo {
  constructor(private readonly db: Db) {}

  create(scope: TenantScope, input: { title: string }): Promise<Course> {
    return this.db.course.create({ data: { ...input, tenantId: scope.tenantId } });
  }

  list(scope: TenantScope): Promise<Course[]> {
    return this.db.course.findMany({ where: { tenantId: scope.tenantId, archivedAt: null }, orderBy: { createdAt: 'asc' } });
  }

  /** The learner must already be a member of the tenant (enforced by a foreign key). */
  enroll(scope: TenantScope, courseId: string, userId: string): Promise<Enrollment> {
    return this.db.enrollment.upsert({
      where: { tenantId_courseId_userId: { tenantId: scope.tenantId, courseId, userId } },
      create: { tenantId: scope.tenantId, courseId, userId },
      update: {},
    });
  }

  /** @returns false when the user was not enrolled in the course (of this tenant). */
  async unenroll(scope: TenantScope, courseId: string, userId: string): Promise<boolean> {
    const { count } = await this.db.enrollment.deleteMany({ where: { tenantId: scope.tenantId, courseId, userId } });
    return count === 1;
  }

  findEnrollment(scope: TenantScope, courseId: string, userId: string): Promise<EnrollmentWithUser | null> {
    return this.db.enrollment.findUnique({
      where: { tenantId_courseId_userId: { tenantId: scope.tenantId, courseId, userId } },
      include: ENROLLMENT_USER_INCLUDE,
    });
  }

  /** A course's enrolments with who they are, oldest first. */
  listEnrollments(scope: TenantScope, courseId: string): Promise<EnrollmentWithUser[]> {
    return this.db.enrollment.findMany({
      where: { tenantId: scope.tenantId, courseId },
      include: ENROLLMENT_USER_INCLUDE,
      orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }],
    });
  }

  /**
   * Publishes an exercise version to the course's learners. A version that holds
   * solutions (uploaded as a folder) must have passed a self-test first
   * ('assignment/self-test-required'): its own solutions prove it grades as promised. A
   * bare-spec version has nothing to test and a built-in is proven by the pack's own
   * self-test, so neither is held back.
   */
  async assign(
    scope: TenantScope,
    input: { courseId: string; exerciseVersionId: string; title: string; dueAt?: Date | null; maxAttempts?: number | null },
  ): Promise<Assignment> {
    const version = await this.db.exerciseVersion.findFirst({
      where: { tenantId: scope.tenantId, id: input.exerciseVersionId },
      select: {
        version: true,
        solutions: true,
        exercise: { select: { slug: true } },
        selfTests: { where: { tenantId: scope.tenantId, status: 'passed' }, select: { id: true }, take: 1 },
      },
    });
    if (version && version.solutions !== null && version.selfTests.length === 0) {
      throw new DbError(
        'assignment/self-test-required',
        `Version ${version.version} of "${version.exercise.slug}" has not passed a self-test; run one (POST …/versions/${version.version}/self-test) and assign it once it passed.`,
        { exerciseVersionId: input.exerciseVersionId },
      );
    }
    return this.db.assignment.create({ data: { ...input, tenantId: scope.tenantId } });
  }

  findAssignment(scope: TenantScope, id: string): Promise<Assignment | null> {
    return this.db.assignment.findFirst({ where: { tenantId: scope.tenantId, id } });
  }

  /** Assignments visible to a learner: those of the courses they are enrolled in. */
  assignmentsForLearner(scope: TenantScope, userId: string): Promise<Assignment[]> {
    return this.db.assignment.findMany({
      where: { tenantId: scope.tenantId, course: { enrollments: { some: { tenantId: scope.tenantId, userId } } } },
      orderBy: [{ dueAt: 'asc' }, { publishedAt: 'asc' }],
    });
  }
}
