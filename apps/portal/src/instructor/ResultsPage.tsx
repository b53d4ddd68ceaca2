import type { RunSummary } from '../api/types';
import { Link } from '../app/router';
import { pathTo } from '../app/routes';
import { useSignedIn } from '../auth/session-context';
import { StatusBadge } from '../runs/StatusBadge';
import { ErrorAlert, Loading, PageTitle } from '../ui/feedback';
import { formatDateTime, formatScore } from '../ui/format';
import { useLoad } from '../ui/use-load';
import { learnerResults } from './results';

const PAGE = 100;
/** Enough for a course; beyond it the table says it is partial. */
const MAX_RUNS = 2000;

/** Staff: every learner who tried the exercise, with attempts, best score and their latest run. */
export default function ResultsPage({ exerciseId }: { exerciseId: string }) {
  const { api } = useSignedIn();
  const data = useLoad(
    async (signal) => {
      const [exercise, runs] = await Promise.all([api.getExercise(exerciseId, signal), allRuns(signal)]);
      return { exercise, runs };
    },
    [exerciseId],
  );
  async function allRuns(signal: AbortSignal): Promise<RunSummary[]> {
    const runs: RunSummary[] = [];
    for (;;) {
      const page = await api.listRuns({ exerciseId, limit: PAGE, before: runs.at(-1)?.createdAt }, signal);
      runs.push(...page);
      if (page.length < PAGE || runs.length >= MAX_RUNS) return runs;
    }
  }

  if (data.state === 'loading') return <Loading what="the results" />;
  if (data.state === 'failed') return <ErrorAlert error={data.error} title="The results could not be loaded." />;
  const results = learnerResults(data.data.runs);
  // Built-in exercises are read-only and carry no solutions of the tenant's to self-test.
  const latest = data.data.exercise.builtin ? null : (data.data.exercise.latestVersion?.version ?? null);
  return (
    <section>
      <PageTitle
        actions={
          latest !== null && (
            <Link to={pathTo('selfTest', { id: exerciseId, version: String(latest) })}>Self-test version {latest}</Link>
          )
        }
      >
        Results — {data.data.exercise.title}
      </PageTitle>
      {data.data.runs.length >= MAX_RUNS && <p className="hint">Only the latest {MAX_RUNS} runs are counted.</p>}
      {results.length === 0 ? (
        <p>No learner has submitted yet.</p>
      ) : (
        <table className="data-table">
          <caption className="visually-hidden">Learners, their attempts and best score</caption>
          <thead>
            <tr>
              <th scope="col">Learner</th>
              <th scope="col">Attempts</th>
              <th scope="col">Best score</th>
              <th scope="col">Latest run</th>
            </tr>
          </thead>
          <tbody>
            {results.map((r) => (
              <tr key={r.userId}>
                <th scope="row" className="mono">
                  {r.userId.slice(0, 8)}
                </th>
                <td>{r.attempts}</td>
                <td>
                  {r.best ? <Link to={pathTo('run', { id: r.best.runId })}>{formatScore(r.best.score, r.best.maxScore)}</Link> : '–'}
                </td>
                <td>
                  <Link to={pathTo('run', { id: r.lastRun.id })}>{formatDateTime(r.lastRun.createdAt)}</Link>{' '}
                  <StatusBadge status={r.lastRun.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
