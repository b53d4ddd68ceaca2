import type { ExerciseDetail } from '../api/types';
import { ErrorAlert, Loading } from '../ui/feedback';
import { formatScore } from '../ui/format';
import { useNow } from '../ui/use-now';
import { attemptsText } from './attempts';
import { DueDate } from './DueDate';
import { useMyAssignments } from './use-my-assignments';

/**
 * On an exercise page opened from an assignment: which course it is for, its due date and
 * the learner's progress on it. Submissions from the page go to that assignment.
 */
export function AssignmentBanner({ assignmentId, exercise }: { assignmentId: string; exercise: ExerciseDetail }) {
  const load = useMyAssignments();
  const now = useNow(60_000, true);
  if (load.state === 'loading') return <Loading what="the assignment" />;
  if (load.state === 'failed') return <ErrorAlert error={load.error} title="The assignment could not be loaded." />;
  const assignment = load.data.find((a) => a.id === assignmentId);
  if (!assignment)
    return (
      <div role="alert" className="alert alert-warning">
        This assignment is not among yours (it may belong to a course you are not enrolled in). The API will refuse
        submissions made for it.
      </div>
    );
  const newer = exercise.latestVersion !== null && exercise.latestVersion.version !== assignment.exercise.version;
  return (
    <section aria-labelledby="assignment-heading" className="assignment-banner card">
      <h2 id="assignment-heading">Assignment: {assignment.title}</h2>
      <dl className="facts">
        <dt>Course</dt>
        <dd>{assignment.course.name}</dd>
        <dt>Due</dt>
        <dd>
          <DueDate dueAt={assignment.dueAt} now={now} />
        </dd>
        <dt>Best score</dt>
        <dd>{assignment.bestScore === null ? 'not graded yet' : formatScore(assignment.bestScore, assignment.maxScore)}</dd>
        <dt>Attempts</dt>
        <dd>{attemptsText(assignment.attempts, assignment.maxAttempts)}</dd>
      </dl>
      <p className="hint">
        Your submissions from this page count for this assignment and are graded against version{' '}
        {assignment.exercise.version} of the exercise
        {newer && ` (the statement shown is of the newer version ${exercise.latestVersion?.version})`}.
      </p>
    </section>
  );
}
