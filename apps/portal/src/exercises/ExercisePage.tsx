import { CreateSubmissionRequestSchema, type Language } from '@socklab/contracts';
import { useEffect, useMemo, useState } from 'react';
import type { ExerciseDetail, ExerciseFile } from '../api/types';
import { Link, useSearchParam } from '../app/router';
import { pathTo } from '../app/routes';
import { useSignedIn } from '../auth/session-context';
import { isStaff } from '../auth/stored-session';
import { CodeEditor } from '../editor/CodeEditor';
import { clearDraft, readDraft, writeDraft } from '../editor/drafts';
import { EditorToolbar } from '../editor/EditorToolbar';
import { RunTable } from '../runs/RunTable';
import { StartRunForm } from '../runs/StartRunForm';
import { validRequest } from '../runs/valid-request';
import { ErrorAlert, Loading, PageTitle } from '../ui/feedback';
import { LoadFailure } from '../ui/NotFound';
import { useLoad } from '../ui/use-load';
import { AssignmentBanner } from './AssignmentBanner';
import { Markdown } from './Markdown';
import { statementMarkdown } from './statement';
import { initialFiles, offeredLanguages } from './submission-files';

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
          <EditorToolbar languages={languages} language={language} onLanguageChange={setLanguage} onReset={reset} />
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
  return (
    <StartRunForm
      label="Submit and run"
      busyLabel="Submitting…"
      failureTitle="Not submitted."
      disabled={files.every((f) => f.content.trim() === '')}
      start={async () => {
        const request = validRequest(CreateSubmissionRequestSchema, { language, files }, 'Cannot submit');
        return api.submit(exerciseId, assignmentId ? { ...request, assignmentId } : request);
      }}
    />
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
