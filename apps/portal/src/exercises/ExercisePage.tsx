import { CreateSubmissionRequestSchema, type Language } from '@socklab/contracts';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { ExerciseDetail, ExerciseFile } from '../api/types';
import { Link, useRouter, useSearchParam } from '../app/router';
import { pathTo } from '../app/routes';
import { useSignedIn } from '../auth/session-context';
import { isStaff } from '../auth/stored-session';
import { CodeEditor } from '../editor/CodeEditor';
import { clearDraft, readDraft, writeDraft } from '../editor/drafts';
import { RunTable } from '../runs/RunTable';
import { ErrorAlert, Loading, PageTitle } from '../ui/feedback';
import { LoadFailure } from '../ui/NotFound';
import { useLoad } from '../ui/use-load';
import { AssignmentBanner } from './AssignmentBanner';
import { Markdown } from './Markdown';
import { statementMarkdown } from './statement';
import { initialFiles, offeredLanguages } from './submission-files';

const LANGUAGE_NAMES: Record<Language, string> = { c: 'C', cpp: 'C++', python: 'Python', java: 'Java' };

export default function ExercisePage({ exerciseId }: { exerciseId: string }) {
  const { api } = useSignedIn();
  const exercise = useLoad((signal) => api.getExercise(exerciseId, signal), [exerciseId]);
  if (exercise.state === 'loading') return <Loading what="the exercise" />;
  if (exercise.state === 'failed') return <LoadFailure error={exercise.error} what="exercise" />;
  return <ExerciseView exercise={exercise.data} />;
}

function ExerciseView({ exercise }: { exercise: ExerciseDetail }) {
  const session = useSignedIn();
  const assignmentId = useSearchParam('assignment');
  const languages = offeredLanguages(exercise);
  const [language, setLanguage] = useState<Language>(languages[0] ?? 'c');
  const draftKey = useMemo(
    () => ({ userId: session.user.id, exerciseId: exercise.id, language }),
    [session.user.id, exercise.id, language],
  );
  const [files, setFiles] = useState<ExerciseFile[]>(() =>
    initialFiles(exercise, language, readDraft(window.localStorage, draftKey)),
  );
  const [active, setActive] = useState(0);

  useEffect(() => {
    setFiles(initialFiles(exercise, language, readDraft(window.localStorage, draftKey)));
    setActive(0);
  }, [exercise, language, draftKey]);

  const edit = (index: number, content: string) => {
    setFiles((current) => {
      const next = current.map((file, i) => (i === index ? { ...file, content } : file));
      writeDraft(window.localStorage, draftKey, next);
      return next;
    });
  };
  const reset = () => {
    clearDraft(window.localStorage, draftKey);
    setFiles(initialFiles(exercise, language, null));
  };

  const file = files[active] ?? files[0];
  return (
    <article className="exercise-page">
      <PageTitle
        actions={
          isStaff(session) && (
            <Link to={pathTo('exerciseResults', { id: exercise.id })}>Results of this exercise</Link>
          )
        }
      >
        {exercise.title}
      </PageTitle>
      {assignmentId && <AssignmentBanner assignmentId={assignmentId} exercise={exercise} />}
      <div className="exercise-columns">
        <section aria-labelledby="statement-heading" className="statement">
          <h2 id="statement-heading" className="visually-hidden">
            Statement
          </h2>
          <Markdown source={statementMarkdown(exercise)} />
        </section>
        <section aria-labelledby="solution-heading" className="solution">
          <h2 id="solution-heading">Your solution</h2>
          <div className="toolbar">
            <label htmlFor="language">Language</label>
            <select id="language" value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
              {languages.map((l) => (
                <option key={l} value={l}>
                  {LANGUAGE_NAMES[l]}
                </option>
              ))}
            </select>
            <button type="button" className="button-quiet" onClick={reset}>
              Reset to the starter code
            </button>
          </div>
          {files.length > 1 && (
            <div role="tablist" aria-label="Files" className="file-tabs">
              {files.map((f, i) => (
                <button
                  key={f.name}
                  type="button"
                  role="tab"
                  aria-selected={i === active}
                  onClick={() => setActive(i)}
                >
                  {f.name}
                </button>
              ))}
            </div>
          )}
          {file && (
            <>
              <p id="editor-hint" className="hint">
                Editing <code>{file.name}</code>. Tab indents; press Esc then Tab to leave the editor.
              </p>
              <CodeEditor
                key={`${language}/${file.name}`}
                label={`Source file ${file.name}`}
                describedBy="editor-hint"
                language={language}
                value={file.content}
                onChange={(content) => edit(files.indexOf(file), content)}
                placeholder={`Write ${file.name} here.`}
              />
            </>
          )}
          <SubmitForm exerciseId={exercise.id} assignmentId={assignmentId} language={language} files={files} />
        </section>
      </div>
      <RecentRuns exerciseId={exercise.id} />
    </article>
  );
}

interface SubmitFormProps {
  exerciseId: string;
  /** The assignment the submission is for (from the page's ?assignment=), or null for practice. */
  assignmentId: string | null;
  language: Language;
  files: ExerciseFile[];
}

function SubmitForm({ exerciseId, assignmentId, language, files }: SubmitFormProps) {
  const { api } = useSignedIn();
  const { navigate } = useRouter();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const request = CreateSubmissionRequestSchema.safeParse({ language, files });
    if (!request.success) {
      const issue = request.error.issues[0];
      setError(new Error(`Cannot submit: ${issue.path.join('.')}: ${issue.message}`));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const accepted = await api.submit(exerciseId, assignmentId ? { ...request.data, assignmentId } : request.data);
      navigate(pathTo('run', { id: accepted.runId }));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} className="submit-form">
      <button type="submit" className="button-primary" disabled={busy || files.every((f) => f.content.trim() === '')}>
        {busy ? 'Submitting…' : 'Submit and run'}
      </button>
      {error !== null && <ErrorAlert error={error} title="Not submitted." />}
    </form>
  );
}

function RecentRuns({ exerciseId }: { exerciseId: string }) {
  const { api } = useSignedIn();
  const runs = useLoad((signal) => api.listRuns({ exerciseId, limit: 10 }, signal), [exerciseId]);
  return (
    <section aria-labelledby="recent-runs" className="recent-runs">
      <h2 id="recent-runs">Recent runs</h2>
      {runs.state === 'loading' && <Loading what="your runs" />}
      {runs.state === 'failed' && <ErrorAlert error={runs.error} />}
      {runs.state === 'ready' &&
        (runs.data.length === 0 ? <p>No run yet.</p> : <RunTable runs={runs.data} showExercise={false} />)}
      <p>
        <Link to={`${pathTo('runs')}?exerciseId=${encodeURIComponent(exerciseId)}`}>All runs of this exercise</Link>
      </p>
    </section>
  );
}
