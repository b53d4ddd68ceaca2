import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api/api-error';
import type { Assignment, ExerciseSummary } from '../api/types';
import { Link } from '../app/router';
import { pathTo } from '../app/routes';
import { useSignedIn } from '../auth/session-context';
import { ErrorAlert } from '../ui/feedback';
import { maxAttemptsFromInput } from './attempts-input';
import { dueAtFromInput, versionFromInput } from './due-input';

interface Props {
  courseId: string;
  courseName: string;
  exercises: ExerciseSummary[];
  onPublished(assignment: Assignment): void;
}

/**
 * Publishes an exercise version to a course with an optional due date and an optional
 * maximum of attempts per learner (checked as typed, the error beside the field). A
 * version whose self-test has not passed is refused (409 assignment/self-test-required):
 * the message links to that version's self-test.
 */
export function PublishForm({ courseId, courseName, exercises, onPublished }: Props) {
  const { api } = useSignedIn();
  const ids = useId();
  const [exerciseId, setExerciseId] = useState(exercises[0]?.id ?? '');
  const [version, setVersion] = useState('');
  const [due, setDue] = useState('');
  const [attempts, setAttempts] = useState('');
  const attemptsField = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [published, setPublished] = useState<Assignment | null>(null);
  const [failure, setFailure] = useState<{ error: unknown; exerciseId: string; version: number | null } | null>(null);
  const exercise = exercises.find((e) => e.id === exerciseId);
  const maxAttempts = maxAttemptsFromInput(attempts);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!maxAttempts.ok) {
      attemptsField.current?.focus();
      return;
    }
    const dueAt = dueAtFromInput(due);
    const wanted = versionFromInput(version);
    if (!dueAt.ok || !wanted.ok || !exercise) {
      const message = !dueAt.ok ? dueAt.message : !wanted.ok ? wanted.message : 'Choose an exercise.';
      setFailure({ error: new Error(message), exerciseId, version: null });
      setPublished(null);
      return;
    }
    setBusy(true);
    setFailure(null);
    setPublished(null);
    try {
      const assignment = await api.createAssignment(courseId, {
        exerciseId,
        version: wanted.version,
        dueAt: dueAt.dueAt,
        maxAttempts: maxAttempts.maxAttempts,
      });
      setPublished(assignment);
      onPublished(assignment);
      setDue('');
      setVersion('');
      setAttempts('');
    } catch (error) {
      setFailure({ error, exerciseId, version: wanted.version ?? exercise.latestVersion?.version ?? null });
    } finally {
      setBusy(false);
    }
  };

  const selfTestNeeded =
    failure?.error instanceof ApiError && failure.error.code === 'assignment/self-test-required' && failure.version !== null;
  return (
    <form onSubmit={submit} className="publish-form" aria-label={`Publish an exercise to ${courseName}`}>
      <div className="toolbar">
        <label htmlFor={`${ids}-exercise`}>Exercise</label>
        <select id={`${ids}-exercise`} value={exerciseId} onChange={(e) => setExerciseId(e.target.value)} required>
          {exercises.map((e) => (
            <option key={e.id} value={e.id}>
              {e.title}
              {e.builtin ? ' (built in)' : ''}
            </option>
          ))}
        </select>
        <label htmlFor={`${ids}-version`}>Version</label>
        <input
          id={`${ids}-version`}
          inputMode="numeric"
          size={4}
          value={version}
          onChange={(e) => setVersion(e.target.value)}
          placeholder={exercise?.latestVersion ? String(exercise.latestVersion.version) : ''}
          aria-describedby={`${ids}-version-hint`}
        />
        <span id={`${ids}-version-hint`} className="hint">
          empty: the newest{exercise?.latestVersion ? ` (${exercise.latestVersion.version})` : ''}
        </span>
        <label htmlFor={`${ids}-due`}>Due (optional, your local time)</label>
        <input id={`${ids}-due`} type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
        <label htmlFor={`${ids}-attempts`}>Maximum attempts</label>
        <input
          id={`${ids}-attempts`}
          ref={attemptsField}
          inputMode="numeric"
          size={5}
          value={attempts}
          onChange={(e) => setAttempts(e.target.value)}
          aria-invalid={!maxAttempts.ok}
          aria-describedby={`${ids}-attempts-hint ${ids}-attempts-error`}
        />
        <span id={`${ids}-attempts-hint`} className="hint">
          empty: unlimited
        </span>
        <button type="submit" className="button-primary" disabled={busy || !exercise}>
          {busy ? 'Publishing…' : 'Publish'}
        </button>
      </div>
      <p id={`${ids}-attempts-error`} className="field-error" aria-live="polite">
        {maxAttempts.ok ? '' : maxAttempts.message}
      </p>
      {published && (
        <p role="status" className="alert alert-ok">
          Published version {published.exercise.version} of {published.exercise.title} to {courseName}
          {published.maxAttempts !== null && `, at most ${published.maxAttempts} attempt${published.maxAttempts === 1 ? '' : 's'} each`}.
        </p>
      )}
      {failure !== null && <ErrorAlert error={failure.error} title="Not published." />}
      {selfTestNeeded && failure && (
        <p>
          <Link to={pathTo('selfTest', { id: failure.exerciseId, version: String(failure.version) })}>
            Run the self-test of version {failure.version}
          </Link>
        </p>
      )}
    </form>
  );
}
