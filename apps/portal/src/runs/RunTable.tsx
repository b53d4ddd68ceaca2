import type { RunSummary } from '../api/types';
import { Link } from '../app/router';
import { pathTo } from '../app/routes';
import { formatDateTime, formatScore } from '../ui/format';
import { StatusBadge } from './StatusBadge';

/** Runs, newest first, each linking to its run view. */
export function RunTable({
  runs,
  showExercise = true,
  showLearner = false,
}: {
  runs: readonly RunSummary[];
  showExercise?: boolean;
  showLearner?: boolean;
}) {
  return (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">Submitted</th>
          {showExercise && <th scope="col">Exercise</th>}
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
                <Link to={pathTo('exercise', { id: run.exercise.id })}>{run.exercise.title}</Link>{' '}
                <span className="muted">v{run.exercise.version}</span>
              </td>
            )}
            {showLearner && <td className="mono">{run.submission.userId.slice(0, 8)}</td>}
            <td>{run.submission.language}</td>
            <td>
              <StatusBadge status={run.status} gradable={run.gradable} />
            </td>
            <td>{formatScore(run.score, run.maxScore)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
