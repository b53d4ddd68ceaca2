import type { RunSummary } from '../api/types';
import { Link } from '../app/router';
import { pathTo } from '../app/routes';
import { formatDateTime } from '../ui/format';
import { formatRunScore, runScore } from './run-score';
import { runSubject } from './run-subject';
import { StatusBadge } from './StatusBadge';

/** Runs, newest first, each linking to its run view and to what it ran (an exercise or a playground preset). */
export function RunTable({
  runs,
  showExercise = true,
  showLearner = false,
  subjectHeading = 'Exercise',
}: {
  runs: readonly RunSummary[];
  showExercise?: boolean;
  showLearner?: boolean;
  /** Heading of the column naming what each run ran. */
  subjectHeading?: string;
}) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">Submitted</th>
          {showExercise && <th scope="col">{subjectHeading}</th>}
          {showLearner && <th scope="col">Learner</th>}
          <th scope="col">Language</th>
          <th scope="col">Status</th>
          <th scope="col">Score</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id}>
            <td>
              <Link to={pathTo('run', { id: run.id })} aria-label={`Run of ${formatDateTime(run.createdAt)}`}>
                {formatDateTime(run.createdAt)}
              </Link>
            </td>
            {showExercise && (
              <td>
                <Link to={runSubject(run).href}>{runSubject(run).title}</Link>{' '}
                {run.exercise && <span className="muted">v{run.exercise.version}</span>}
              </td>
            )}
            {showLearner && <td className="mono">{run.submission.userId.slice(0, 8)}</td>}
            <td>{run.submission.language}</td>
            <td>
              <StatusBadge status={run.status} gradable={run.gradable} />
            </td>
            <td>
              {formatRunScore(runScore({ playground: run.playground !== null, report: null, result: run }))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
