import { Link } from '../app/router';
import { pathTo } from '../app/routes';
import { useSignedIn } from '../auth/session-context';
import { isStaff } from '../auth/stored-session';
import { ErrorAlert, Loading, PageTitle } from '../ui/feedback';
import { formatScore } from '../ui/format';
import { useLoad } from '../ui/use-load';
import { MyAssignments } from './MyAssignments';
import { progressByExercise } from './progress';

const LANGUAGE_NAMES: Record<string, string> = { c: 'C', cpp: 'C++', python: 'Python', java: 'Java' };

export function ExerciseListPage() {
  const session = useSignedIn();
  const staff = isStaff(session);
  const load = useLoad(
    async (signal) => {
      const [exercises, runs] = await Promise.all([
        session.api.listExercises(signal),
        staff ? Promise.resolve([]) : session.api.listRuns({ limit: 100 }, signal),
      ]);
      return { exercises, progress: progressByExercise(runs) };
    },
    [session.token],
  );

  return (
    <section>
      <PageTitle>Exercises</PageTitle>
      {!staff && <MyAssignments />}
      <h2>All exercises</h2>
      {load.state === 'loading' && <Loading what="the exercises" />}
      {load.state === 'failed' && <ErrorAlert error={load.error} title="The exercises could not be loaded." />}
      {load.state === 'ready' && load.data.exercises.length === 0 && (
        <p>No exercise is open to you yet. Your instructor publishes them here.</p>
      )}
      {load.state === 'ready' && load.data.exercises.length > 0 && (
        <ul className="exercise-list">
          {load.data.exercises.map((exercise) => {
            const progress = load.data.progress.get(exercise.id);
            return (
              <li key={exercise.id} className="card">
                <h3>
                  <Link to={pathTo('exercise', { id: exercise.id })}>{exercise.title}</Link>
                </h3>
                {exercise.summary && <p>{exercise.summary}</p>}
                <dl className="facts">
                  {exercise.difficulty && (
                    <>
                      <dt>Level</dt>
                      <dd>{exercise.difficulty}</dd>
                    </>
                  )}
                  <dt>Languages</dt>
                  <dd>{exercise.languages.map((l) => LANGUAGE_NAMES[l] ?? l).join(', ')}</dd>
                  {!staff && (
                    <>
                      <dt>Best score</dt>
                      <dd>{progress?.best ? formatScore(progress.best.score, progress.best.maxScore) : 'not tried yet'}</dd>
                      <dt>Attempts</dt>
                      <dd>{progress?.attempts ?? 0}</dd>
                    </>
                  )}
                  {staff && (
                    <>
                      <dt>Version</dt>
                      <dd>{exercise.latestVersion?.version ?? '–'}</dd>
                    </>
                  )}
                </dl>
                {staff && (
                  <p>
                    <Link to={pathTo('exerciseResults', { id: exercise.id })}>Results of {exercise.title}</Link>
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
