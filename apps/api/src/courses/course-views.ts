import type { Course, EnrollmentWithUser } from '@socklab/db';

/** A course as the API shows it; the schema's `title` is the course's `name`. */
export interface CourseView {
  id: string;
  name: string;
  createdAt: Date;
}

export function toCourseView(course: Pick<Course, 'id' | 'title' | 'createdAt'>): CourseView {
  return { id: course.id, name: course.title, createdAt: course.createdAt };
}

/** A member enrolled in a course. */
export interface EnrollmentView {
  courseId: string;
  userId: string;
  email: string;
  displayName: string;
  /** Their role in the tenant (normally learner). */
  role: string;
  enrolledAt: Date;
}

export function toEnrollmentView(row: EnrollmentWithUser): EnrollmentView {
  const { user, role } = row.membership;
  return {
    courseId: row.courseId,
    userId: row.userId,
    email: user.email,
    displayName: user.displayName,
    role,
    enrolledAt: row.createdAt,
  };
}

/** An exercise version published to a course. */
export interface AssignmentView {
  id: string;
  courseId: string;
  title: string;
  exercise: { id: string; slug: string; title: string; version: number };
  publishedAt: Date;
  /** Submissions after this instant are refused (409 `assignment/past-due`); null = no deadline. */
  dueAt: Date | null;
  /**
   * Attempts each learner may spend (409 `assignment/attempts-exhausted` after); null =
   * unlimited. Infrastructure failures and cancellations (gradable = false) and regrades
   * do not count.
   */
  maxAttempts: number | null;
}

/** An assignment with the signed-in member's own progress on it. */
export interface MyAssignmentView extends AssignmentView {
  /** The course it is published to (`id` = `courseId`). */
  course: { id: string; name: string };
  /** Highest score of a graded run of their submissions to it; null before the first. */
  bestScore: number | null;
  maxScore: number | null;
  /** Runs they started for it, except infrastructure failures and cancellations (gradable = false) and regrades. */
  attempts: number;
}

/** The relations AssignmentRow needs, for `include`. */
export const ASSIGNMENT_ROW_INCLUDE = {
  exerciseVersion: { select: { version: true, exercise: { select: { id: true, slug: true, title: true } } } },
} as const;

/** The relations MyAssignmentRow needs, for `include`. */
export const MY_ASSIGNMENT_ROW_INCLUDE = { ...ASSIGNMENT_ROW_INCLUDE, course: { select: { id: true, title: true } } } as const;

export interface AssignmentRow {
  id: string;
  courseId: string;
  title: string;
  publishedAt: Date;
  dueAt: Date | null;
  maxAttempts: number | null;
  exerciseVersion: { version: number; exercise: { id: string; slug: string; title: string } };
}

export function toAssignmentView(row: AssignmentRow): AssignmentView {
  return {
    id: row.id,
    courseId: row.courseId,
    title: row.title,
    exercise: { ...row.exerciseVersion.exercise, version: row.exerciseVersion.version },
    publishedAt: row.publishedAt,
    dueAt: row.dueAt,
    maxAttempts: row.maxAttempts,
  };
}

export interface MyAssignmentRow extends AssignmentRow {
  course: { id: string; title: string };
}
