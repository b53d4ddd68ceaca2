import type { Diagnostic } from '@codemirror/lint';
import { useCallback, useMemo, useState, type ChangeEvent } from 'react';
import { stringify } from 'yaml';
import { ApiError } from '../api/api-error';
import type { ExerciseFolderFile, PublishedExercise } from '../api/types';
import { Link } from '../app/router';
import { pathTo } from '../app/routes';
import { useSignedIn } from '../auth/session-context';
import { CodeEditor } from '../editor/CodeEditor';
import { ErrorAlert, PageTitle } from '../ui/feedback';
import { useLoad } from '../ui/use-load';
import { pickedFolder } from './exercise-folder';
import { SelfTestPanel } from './SelfTestPanel';
import { problemsFromApi, specProblems, type SpecProblem } from './spec-problems';

/** Picked files with their paths under the chosen folder (a directory input's webkitRelativePath). */
async function readPicked(files: File[]): Promise<{ path: string; content: string }[]> {
  return Promise.all(files.map(async (file) => ({ path: file.webkitRelativePath || file.name, content: await file.text() })));
}

/**
 * Authoring: an exercise.yaml editor checked as you type against the exercise schema
 * (inline errors, and the same list in words), then publishing it as a new version —
 * alone, or with the rest of an uploaded exercise folder (statement, starters,
 * solutions), whose version can then be self-tested here.
 */
export default function AuthorPage() {
  const { api } = useSignedIn();
  const [text, setText] = useState('');
  const [serverProblems, setServerProblems] = useState<SpecProblem[]>([]);
  const [published, setPublished] = useState<{ result: PublishedExercise; withSolutions: boolean } | null>(null);
  const [folder, setFolder] = useState<{ name: string; files: ExerciseFolderFile[] } | null>(null);
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
    setFolder(null);
    try {
      const detail = await api.getExercise(exerciseId);
      edit(stringify(detail.spec, { lineWidth: 0 }));
    } catch (failure) {
      setError(failure);
    }
  };
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) {
      setFolder(null);
      edit(await file.text());
    }
    event.target.value = '';
  };
  const uploadFolder = async (event: ChangeEvent<HTMLInputElement>) => {
    // Copied before the input is cleared: clearing it empties its FileList.
    const files = Array.from(event.target.files ?? []);
    event.target.value = '';
    if (files.length === 0) return;
    setError(null);
    const picked = pickedFolder(await readPicked(files));
    if (!picked.ok) {
      setError(new Error(picked.message));
      return;
    }
    setFolder({ name: picked.name, files: picked.files });
    edit(picked.exerciseYaml);
  };
  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = folder
        ? await api.publishFolder([{ path: 'exercise.yaml', content: text }, ...folder.files])
        : await api.publishExercise(text);
      const withSolutions = folder?.files.some((file) => file.path.startsWith('solutions/')) ?? false;
      setPublished({ result, withSolutions });
    } catch (failure) {
      if (failure instanceof ApiError && (failure.code === 'exercise/invalid-spec' || failure.code === 'exercise/invalid-folder'))
        setServerProblems(problemsFromApi(failure.details, text));
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
        <label htmlFor="upload-folder">Upload an exercise folder</label>
        <input
          id="upload-folder"
          type="file"
          multiple
          aria-describedby="folder-hint"
          ref={(input) => input?.setAttribute('webkitdirectory', '')}
          onChange={uploadFolder}
        />
      </div>
      <p id="folder-hint" className="hint">
        {folder ? (
          <>
            Folder <code>{folder.name}</code>: its exercise.yaml is in the editor; its {folder.files.length} other file
            {folder.files.length === 1 ? '' : 's'} ({summarize(folder.files)}) are published with it.{' '}
            <button type="button" className="link-button" onClick={() => setFolder(null)}>
              Publish exercise.yaml alone
            </button>
          </>
        ) : (
          'A folder (exercise.yaml, statement.md, starter/, solutions/) is published whole, and its version can be self-tested.'
        )}
      </p>
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
          {published.result.created ? 'Published' : 'Unchanged: this is already'} version {published.result.version.version} of{' '}
          <Link to={pathTo('exercise', { id: published.result.exercise.id })}>{published.result.exercise.title}</Link>.
        </p>
      )}
      {published &&
        (published.withSolutions ? (
          <SelfTestPanel
            key={published.result.version.id}
            exerciseId={published.result.exercise.id}
            version={published.result.version.version}
          />
        ) : (
          <p className="hint">
            This version was published without solutions, so there is nothing to self-test: upload the whole exercise folder to
            self-test its reference and faulty solutions.
          </p>
        ))}
    </section>
  );
}

/** "statement.md, starter/c, solutions/reference/c …": the folder's top two levels. */
function summarize(files: ExerciseFolderFile[]): string {
  const heads = [...new Set(files.map((file) => file.path.split('/').slice(0, file.path.startsWith('solutions/') ? 3 : 2).join('/')))];
  return heads.length > 6 ? `${heads.slice(0, 6).join(', ')} …` : heads.join(', ');
}
