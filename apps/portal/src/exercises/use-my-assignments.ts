import type { MyAssignment } from '../api/types';
import { useSignedIn } from '../auth/session-context';
import { useLoad } from '../ui/use-load';

export interface AssignmentWithCourse extends MyAssignment {
  /** The course's name; its id when the course list does not show it. */
  courseName: string;
}

/** The signed-in member's assignments (GET /assignments) with their courses' names (GET /courses). */
export function useMyAssignments() {
  const session = useSignedIn();
  return useLoad(async (signal): Promise<AssignmentWithCourse[]> => {
    const [assignments, courses] = await Promise.all([
      session.api.listMyAssignments(signal),
      session.api.listCourses(signal),
    ]);
    const names = new Map(courses.map((course) => [course.id, course.name]));
    return assignments.map((a) => ({ ...a, courseName: names.get(a.courseId) ?? a.courseId }));
  }, [session.token]);
}

/** The link to work on an assignment: its exercise's page, submitting for it. */
export function assignmentPath(exercisePath: string, assignmentId: string): string {
  return `${exercisePath}?assignment=${encodeURIComponent(assignmentId)}`;
}
