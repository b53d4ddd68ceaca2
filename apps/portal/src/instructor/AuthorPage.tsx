import type { Diagnostic } from '@codemirror/lint';
import { useCallback, useMemo, useState, type ChangeEvent } from 'react';
import { stringify } from 'yaml';
import { ApiError } from '../api/api-error';
import type { PublishedExercise } from '../api/types';
import { Link } from '../app/router';
import { pathTo } from '../app/routes';
import { useSignedIn } from '../auth/session-context';
import { CodeEditor } from '../editor/CodeEditor';
import { ErrorAlert, PageTitle } from '../ui/feedback';
import { useLoad } from '../ui/use-load';
import { problemsFromApi, specProblems, type SpecProblem } from './spec-problems';

/**
 * Authoring: an exercise.yaml editor checked as you type against the exercise schema
 * (inline errors, and the same list in words), then publishing it as a new version.
 */
export default function AuthorPage() {
  const { api } = useSignedIn();
  const [text, setText] = useState('');
  const [serverProblems, setServerProblems] = useState<SpecProblem[]>([]);
  const [published, setPublished] = useState<PublishedExercise | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [reveal, setReveal] = useState<{ from: number; to: number } | null>(null);
  const exercises = useLoad((signal) => api.listExercises(signal), []);

  const problems = useMemo(() => specProblems(text), [text]);
  const shown = problems.length > 0 ? problems : serverProblems;
  const diagnostics = useCallback(
    (doc: string): Diagnostic[] =>
      specProblems(doc).map((p) => ({ from: p.from, to: p.to, severity: 'error', message: `${p.path ? `${p.path}: ` : ''}${p.message}` })),
    [],
  );

  const edit = (value: string) => {
    setText(value);
    setServerProblems([]);
    setPublished(null);
  };
  const startFrom = async (exerciseId: string) => {
    if (!exerciseId) return;
    setError(null);
    try {
      const detail = await api.getExercise(exerciseId);
      edit(stringify(detail.spec, { lineWidth: 0 }));
    } catch (failure) {
      setError(failure);
    }
  };
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) edit(await file.text());
    event.target.value = '';
  };
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      setPublished(await api.publishExercise(text));
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'exercise/invalid-spec') setServerProblems(problemsFromApi(failure.details, text));
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="author-page">
      <PageTitle>Author an exercise</PageTitle>
      <div className="toolbar">
        <label htmlFor="start-from">Start from</label>
        <select id="start-from" defaultValue="" onChange={(e) => startFrom(e.target.value)}>
          <option value="">an empty document</option>
          {exercises.state === 'ready' &&
            exercises.data.map((exercise) => (
              <option key={exercise.id} value={exercise.id}>
                {exercise.title} (v{exercise.latestVersion?.version ?? '–'})
              </option>
            ))}
        </select>
        <label htmlFor="upload">Upload exercise.yaml</label>
        <input id="upload" type="file" accept=".yaml,.yml,application/yaml,text/yaml" onChange={upload} />
      </div>
      <p id="yaml-hint" className="hint">
        Checked as you type against the exercise schema; problems are underlined and listed below. Tab indents; Esc then Tab
        leaves the editor.
      </p>
      <CodeEditor
        label="exercise.yaml"
        describedBy="yaml-hint yaml-problems"
        language="yaml"
        value={text}
        onChange={edit}
        diagnostics={diagnostics}
        reveal={reveal}
        placeholder="apiVersion: socklab.dev/v1 …"
      />
      <div id="yaml-problems" aria-live="polite">
        {text.trim() !== '' && shown.length === 0 && <p className="ok-note">No problem found.</p>}
        {shown.length > 0 && (
          <>
            <h2>
              {shown.length} problem{shown.length === 1 ? '' : 's'}
            </h2>
            <ul className="problems">
              {shown.map((p, i) => (
                <li key={i}>
                  <button type="button" className="link-button mono" onClick={() => setReveal({ from: p.from, to: p.to })}>
                    {p.line !== null ? `line ${p.line}, column ${p.column}` : 'document'}
                  </button>
                  {p.path && <code>{p.path}</code>} {p.message} <span className="code-hint">({p.code})</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <p>
        <button type="button" className="button-primary" onClick={publish} disabled={busy || text.trim() === '' || problems.length > 0}>
          {busy ? 'Publishing…' : 'Publish a new version'}
        </button>
      </p>
      {error !== null && <ErrorAlert error={error} title="Not published." />}
      {published && (
        <p role="status" className="alert alert-ok">
          {published.created ? 'Published' : 'Unchanged: this is already'} version {published.version.version} of{' '}
          <Link to={pathTo('exercise', { id: published.exercise.id })}>{published.exercise.title}</Link>.
        </p>
      )}
    </section>
  );
}
