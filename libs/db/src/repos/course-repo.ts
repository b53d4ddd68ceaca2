import type { Db } from '../client';
import type { Assignment, Course, Enrollment } from '../generated/prisma/client';
import type { TenantScope } from '../tenant-scope';

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

  /** Publishes an exercise version to the course's learners. */
  assign(
    scope: TenantScope,
    input: { courseId: string; exerciseVersionId: string; title: string; dueAt?: Date | null; maxAttempts?: number | null },
  ): Promise<Assignment> {
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
