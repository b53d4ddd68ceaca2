import { useState, type FormEvent } from 'react';
import { Link, useRouter } from '../app/router';
import { pathTo } from '../app/routes';
import { useSignedIn } from '../auth/session-context';
import { Loading, PageTitle } from '../ui/feedback';
import { LoadFailure } from '../ui/NotFound';
import { useLoad } from '../ui/use-load';
import { versionFromInput } from './due-input';
import { SelfTestPanel } from './SelfTestPanel';

/**
 * Staff: the self-test of any published version of an exercise (e.g. one published
 * before, which a course needs self-tested before it can be assigned).
 */
export default function SelfTestPage({ exerciseId, version }: { exerciseId: string; version: string }) {
  const { api } = useSignedIn();
  const exercise = useLoad((signal) => api.getExercise(exerciseId, signal), [exerciseId]);
  const wanted = versionFromInput(version);
  if (exercise.state === 'loading') return <Loading what="the exercise" />;
  if (exercise.state === 'failed') return <LoadFailure error={exercise.error} what="exercise" />;
  const latest = exercise.data.latestVersion?.version ?? null;
  return (
    <section>
      <PageTitle actions={<Link to={pathTo('exerciseResults', { id: exerciseId })}>Results of this exercise</Link>}>
        Self-test — {exercise.data.title}
      </PageTitle>
      <VersionPicker exerciseId={exerciseId} current={version} latest={latest} />
      {wanted.ok && wanted.version !== undefined && (latest === null || wanted.version <= latest) ? (
        <SelfTestPanel key={wanted.version} exerciseId={exerciseId} version={wanted.version} />
      ) : (
        <p role="alert" className="alert alert-error">
          {exercise.data.title} has no version {version}
          {latest !== null ? `; its versions are 1 to ${latest}` : ''}.
        </p>
      )}
    </section>
  );
}

function VersionPicker({ exerciseId, current, latest }: { exerciseId: string; current: string; latest: number | null }) {
  const { navigate } = useRouter();
  const [value, setValue] = useState(current);
  const go = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() !== '') navigate(pathTo('selfTest', { id: exerciseId, version: value.trim() }));
  };
  return (
    <form onSubmit={go} className="toolbar" aria-label="Choose a version">
      <label htmlFor="self-test-version">Version</label>
      <input
        id="self-test-version"
        type="number"
        min={1}
        max={latest ?? undefined}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="button-quiet">
        Show its self-tests
      </button>
      {latest !== null && <span className="hint">The newest version is {latest}.</span>}
    </form>
  );
}
