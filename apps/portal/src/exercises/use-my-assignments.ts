import type { MyAssignment } from '../api/types';
import { useSignedIn } from '../auth/session-context';
import { useLoad } from '../ui/use-load';

/** The signed-in member's assignments (GET /assignments), each with its course's id and name. */
export function useMyAssignments() {
  const session = useSignedIn();
  return useLoad((signal): Promise<MyAssignment[]> => session.api.listMyAssignments(signal), [session.token]);
}

/** The link to work on an assignment: its exercise's page, submitting for it. */
export function assignmentPath(exercisePath: string, assignmentId: string): string {
  return `${exercisePath}?assignment=${encodeURIComponent(assignmentId)}`;
}
