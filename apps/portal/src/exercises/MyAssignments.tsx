import type { MyAssignment } from '../api/types';
import { Link } from '../app/router';
import { pathTo } from '../app/routes';
import { ErrorAlert, Loading } from '../ui/feedback';
import { formatDateTime, formatScore } from '../ui/format';
import { useNow } from '../ui/use-now';
import { attemptsText } from './attempts';
import { DueDate } from './DueDate';
import { assignmentPath, useMyAssignments } from './use-my-assignments';

/** A learner's home: the assignments of the courses they are enrolled in, soonest due first. */
export function MyAssignments() {
  const load = useMyAssignments();
  const now = useNow(60_000, true);
  return (
    <section aria-labelledby="my-assignments" className="my-assignments">
      <h2 id="my-assignments">My assignments</h2>
      {load.state === 'loading' && <Loading what="your assignments" />}
      {load.state === 'failed' && <ErrorAlert error={load.error} title="Your assignments could not be loaded." />}
      {load.state === 'ready' && load.data.length === 0 && (
        <p className="muted">No assignment yet. When your instructor publishes one to your course, it appears here.</p>
      )}
      {load.state === 'ready' && load.data.length > 0 && (
        <ul className="exercise-list">
          {load.data.map((assignment) => (
            <AssignmentCard key={assignment.id} assignment={assignment} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}

function AssignmentCard({ assignment, now }: { assignment: MyAssignment; now: number }) {
  const { exercise } = assignment;
  return (
    <li className="card assignment-card">
      <h3>
        <Link to={assignmentPath(pathTo('exercise', { id: exercise.id }), assignment.id)}>{assignment.title}</Link>
      </h3>
      <dl className="facts">
        <dt>Course</dt>
        <dd>{assignment.course.name}</dd>
        <dt>Exercise</dt>
        <dd>
          {exercise.title} (version {exercise.version})
        </dd>
        <dt>Due</dt>
        <dd>
          <DueDate dueAt={assignment.dueAt} now={now} />
        </dd>
        <dt>Best score</dt>
        <dd>{assignment.bestScore === null ? 'not graded yet' : formatScore(assignment.bestScore, assignment.maxScore)}</dd>
        <dt>Attempts</dt>
        <dd>{attemptsText(assignment.attempts, assignment.maxAttempts)}</dd>
        <dt>Published</dt>
        <dd>{formatDateTime(assignment.publishedAt)}</dd>
      </dl>
    </li>
  );
}
