import { Inject, Injectable } from '@nestjs/common';
import { AuditRepo, CourseRepo, countsAsAttempt, PrismaClient, UserRepo } from '@socklab/db';
import { auditActor, isStaff, type Principal } from '../auth/principal';
import { PRISMA } from '../database/database.module';
import { AppError } from '../errors/app-error';
import type { CreateAssignmentRequest } from './course-requests';
import {
  MY_ASSIGNMENT_ROW_INCLUDE,
  toAssignmentView,
  toCourseView,
  toEnrollmentView,
  type AssignmentView,
  type CourseView,
  type EnrollmentView,
  type MyAssignmentRow,
  type MyAssignmentView,
} from './course-views';

/**
 * Courses and their assignments. Every query is scoped to the caller's tenant; a course,
 * exercise or version of another tenant is reported as not found, whether it exists or not.
 * Staff see every live course; learners the live courses they are enrolled in.
 */
@Injectable()
export class CoursesService {
  private readonly courses: CourseRepo;
  private readonly audit: AuditRepo;
  private readonly users: UserRepo;

  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {
    this.courses = new CourseRepo(prisma);
    this.audit = new AuditRepo(prisma);
    this.users = new UserRepo(prisma);
  }

  async create(principal: Principal, name: string): Promise<CourseView> {
    const scope = { tenantId: principal.tenantId };
    const course = await this.courses.create(scope, { title: name });
    await this.audit.record(scope, {
      action: 'course.create',
      ...auditActor(principal),
      targetType: 'course',
      targetId: course.id,
    });
    return toCourseView(course);
  }

  async list(principal: Principal): Promise<CourseView[]> {
    const tenantId = principal.tenantId;
    const rows = isStaff(principal)
      ? await this.courses.list({ tenantId })
      : await this.prisma.course.findMany({
          where: { tenantId, archivedAt: null, enrollments: { some: { tenantId, userId: principal.userId } } },
          orderBy: { createdAt: 'asc' },
        });
    return rows.map(toCourseView);
  }

  /**
   * Enrols the tenant's member with `email` in the course. Idempotent: enrolling someone
   * already enrolled answers the same enrolment (audited once). 404 `course/not-found`
   * for a course not live in this tenant; 404 `user/not-found` when no member of this
   * tenant has that email, whether or not such a user exists elsewhere.
   */
  async enroll(principal: Principal, courseId: string, email: string): Promise<EnrollmentView> {
    const scope = { tenantId: principal.tenantId };
    await this.liveCourse(principal, courseId);
    const user = await this.users.findByEmail(email);
    const membership = user ? await this.users.getMembership(scope, user.id) : null;
    if (!user || !membership) {
      throw AppError.notFound('user/not-found', `No member of this tenant has the email ${UserRepo.normalizeEmail(email)}.`);
    }
    const existing = await this.courses.findEnrollment(scope, courseId, user.id);
    if (existing) return toEnrollmentView(existing);
    await this.courses.enroll(scope, courseId, user.id);
    await this.audit.record(scope, {
      action: 'course.enroll',
      ...auditActor(principal),
      targetType: 'course',
      targetId: courseId,
      data: { userId: user.id },
    });
    const enrolled = await this.courses.findEnrollment(scope, courseId, user.id);
    if (!enrolled) throw AppError.notFound('course/not-found', `No course ${courseId} in this tenant.`);
    return toEnrollmentView(enrolled);
  }

  async enrollments(principal: Principal, courseId: string): Promise<EnrollmentView[]> {
    await this.liveCourse(principal, courseId);
    return (await this.courses.listEnrollments({ tenantId: principal.tenantId }, courseId)).map(toEnrollmentView);
  }

  /** 404 `enrollment/not-found` when the user is not enrolled in the course. */
  async unenroll(principal: Principal, courseId: string, userId: string): Promise<void> {
    const scope = { tenantId: principal.tenantId };
    await this.liveCourse(principal, courseId);
    if (!(await this.courses.unenroll(scope, courseId, userId))) {
      throw AppError.notFound('enrollment/not-found', `User ${userId} is not enrolled in this course.`);
    }
    await this.audit.record(scope, {
      action: 'course.unenroll',
      ...auditActor(principal),
      targetType: 'course',
      targetId: courseId,
      data: { userId },
    });
  }

  private async liveCourse(principal: Principal, courseId: string): Promise<void> {
    const course = await this.prisma.course.findFirst({
      where: { tenantId: principal.tenantId, id: courseId, archivedAt: null },
      select: { id: true },
    });
    if (!course) throw AppError.notFound('course/not-found', `No course ${courseId} in this tenant.`);
  }

  /**
   * Publishes an exercise version (authored or built in) to the course's learners. A
   * version with solutions must have passed a self-test: 409 `assignment/self-test-required`
   * (CourseRepo.assign) otherwise.
   */
  async assign(principal: Principal, courseId: string, request: CreateAssignmentRequest): Promise<AssignmentView> {
    const tenantId = principal.tenantId;
    const course = await this.prisma.course.findFirst({ where: { tenantId, id: courseId, archivedAt: null } });
    if (!course) throw AppError.notFound('course/not-found', `No course ${courseId} in this tenant.`);
    const exercise = await this.prisma.exercise.findFirst({
      where: { tenantId, id: request.exerciseId, archivedAt: null },
    });
    if (!exercise) throw AppError.notFound('exercise/not-found', `No exercise ${request.exerciseId} in this tenant.`);
    const version = await this.prisma.exerciseVersion.findFirst({
      where: { tenantId, exerciseId: exercise.id, ...(request.version ? { version: request.version } : {}) },
      orderBy: { version: 'desc' },
    });
    if (!version) {
      throw AppError.notFound(
        'exercise/version-not-found',
        request.version
          ? `"${exercise.slug}" has no version ${request.version}.`
          : `"${exercise.slug}" has no version yet.`,
      );
    }
    const assignment = await this.courses.assign(
      { tenantId },
      {
        courseId,
        exerciseVersionId: version.id,
        title: request.title ?? exercise.title,
        dueAt: request.dueAt ? new Date(request.dueAt) : null,
        maxAttempts: request.maxAttempts ?? null,
      },
    );
    await this.audit.record(
      { tenantId },
      {
        action: 'assignment.create',
        ...auditActor(principal),
        targetType: 'assignment',
        targetId: assignment.id,
        data: { courseId, exerciseId: exercise.id, version: version.version },
      },
    );
    return toAssignmentView({
      ...assignment,
      exerciseVersion: { version: version.version, exercise: { id: exercise.id, slug: exercise.slug, title: exercise.title } },
    });
  }

  /**
   * The caller's assignments with their own progress: learners those of the live courses
   * they are enrolled in, staff every assignment of a live course of the tenant.
   */
  async mine(principal: Principal): Promise<MyAssignmentView[]> {
    const { tenantId, userId } = principal;
    const course = isStaff(principal)
      ? { tenantId, archivedAt: null }
      : { tenantId, archivedAt: null, enrollments: { some: { tenantId, userId } } };
    const rows = (await this.prisma.assignment.findMany({
      where: { tenantId, course },
      include: MY_ASSIGNMENT_ROW_INCLUDE,
      orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { publishedAt: 'asc' }],
    })) as MyAssignmentRow[];
    const runs = await this.prisma.run.findMany({
      where: { tenantId, submission: { tenantId, userId, assignmentId: { in: rows.map((r) => r.id) } } },
      select: { status: true, score: true, maxScore: true, gradable: true, regradeOfId: true, submission: { select: { assignmentId: true } } },
    });
    return rows.map((row) => {
      const own = runs.filter((run) => run.submission.assignmentId === row.id);
      const graded = own.filter((run) => run.status === 'done' && run.gradable === true && run.score !== null);
      const best = graded.reduce<(typeof graded)[number] | null>(
        (top, run) => (top === null || (run.score ?? 0) > (top.score ?? 0) ? run : top),
        null,
      );
      return {
        ...toAssignmentView(row),
        course: { id: row.course.id, name: row.course.title },
        bestScore: best?.score ?? null,
        maxScore: best?.maxScore ?? null,
        attempts: own.filter(countsAsAttempt).length,
      };
    });
  }
}
