import { CreatePlaygroundRunRequestSchema, LANGUAGES, type Language } from '@socklab/contracts';
import { useEffect, useMemo, useState } from 'react';
import type { ExerciseFile, PlaygroundPreset } from '../api/types';
import { useSearchParam } from '../app/router';
import { useSignedIn } from '../auth/session-context';
import { CodeEditor } from '../editor/CodeEditor';
import { clearDraft, readDraft, writeDraft } from '../editor/drafts';
import { EditorToolbar } from '../editor/EditorToolbar';
import { RunTable } from '../runs/RunTable';
import { StartRunForm } from '../runs/StartRunForm';
import { validRequest } from '../runs/valid-request';
import { ErrorAlert, Loading, PageTitle } from '../ui/feedback';
import { useLoad } from '../ui/use-load';
import { initialProgram, playgroundDraftKey, roleNote } from './playground-program';

/**
 * The playground: run a program against a scripted peer (a preset) and watch the same live
 * run view as a graded run, with nothing graded. `?preset=` chooses the preset.
 */
export default function PlaygroundPage() {
  const { api } = useSignedIn();
  const presets = useLoad((signal) => api.listPlaygroundPresets(signal), []);
  if (presets.state === 'loading') return <Loading what="the playground" />;
  if (presets.state === 'failed')
    return <ErrorAlert error={presets.error} title="The playground could not be loaded." />;
  return <PlaygroundView presets={presets.data} />;
}

function PlaygroundView({ presets }: { presets: PlaygroundPreset[] }) {
  const session = useSignedIn();
  const wanted = useSearchParam('preset');
  const [presetId, setPresetId] = useState(
    () => (presets.find((p) => p.id === wanted) ?? presets[0])?.id ?? '',
  );
  const preset = presets.find((p) => p.id === presetId) ?? presets[0];
  const [language, setLanguage] = useState<Language>('c');
  const role = preset?.role ?? 'client';
  const draftKey = useMemo(
    () => playgroundDraftKey(session.user.id, role, language),
    [session.user.id, role, language],
  );
  const [file, setFile] = useState<ExerciseFile>(() =>
    initialProgram(role, language, readDraft(window.localStorage, draftKey)),
  );
  useEffect(() => {
    setFile(initialProgram(role, language, readDraft(window.localStorage, draftKey)));
  }, [role, language, draftKey]);

  if (!preset) return <p>The playground has no presets.</p>;
  const edit = (content: string) => {
    const next = { ...file, content };
    setFile(next);
    writeDraft(window.localStorage, draftKey, [next]);
  };
  const reset = () => {
    clearDraft(window.localStorage, draftKey);
    setFile(initialProgram(role, language, null));
  };

  return (
    <article className="playground-page">
      <PageTitle>Playground</PageTitle>
      <p>
        Run a program against a scripted peer and watch the connection live: the phases, the output, the
        ladder diagram and the TCP states of both sides. Nothing is graded, and no attempt is spent.
      </p>
      <div className="exercise-columns">
        <section aria-labelledby="peer-heading">
          <h2 id="peer-heading">The peer</h2>
          <div className="toolbar">
            <label htmlFor="preset">Peer behaviour</label>
            <select
              id="preset"
              value={preset.id}
              aria-describedby="preset-description"
              onChange={(event) => setPresetId(event.target.value)}
            >
              {presets.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.title}
                </option>
              ))}
            </select>
          </div>
          <p id="preset-description">{preset.description}</p>
          <p id="role-note" className="hint">
            {roleNote(preset, language)}
          </p>
        </section>
        <section aria-labelledby="program-heading">
          <h2 id="program-heading">Your program</h2>
          <EditorToolbar
            languages={LANGUAGES}
            language={language}
            onLanguageChange={setLanguage}
            onReset={reset}
          />
          <p id="editor-hint" className="hint">
            Editing <code>{file.name}</code>, a {role} to start from. Tab indents; press Esc then Tab to leave
            the editor.
          </p>
          <CodeEditor
            key={`${role}/${language}`}
            label={`Source file ${file.name}`}
            describedBy="editor-hint role-note"
            language={language}
            value={file.content}
            onChange={edit}
            placeholder={`Write ${file.name} here.`}
          />
          <RunForm presetId={preset.id} language={language} file={file} />
        </section>
      </div>
      <RecentPlaygroundRuns />
    </article>
  );
}

function RunForm({ presetId, language, file }: { presetId: string; language: Language; file: ExerciseFile }) {
  const { api } = useSignedIn();
  return (
    <StartRunForm
      label="Run"
      busyLabel="Starting…"
      failureTitle="Not started."
      disabled={file.content.trim() === ''}
      start={() =>
        api.startPlaygroundRun(
          validRequest(CreatePlaygroundRunRequestSchema, { presetId, language, files: [file] }, 'Cannot run'),
        )
      }
    />
  );
}

function RecentPlaygroundRuns() {
  const { api } = useSignedIn();
  const runs = useLoad((signal) => api.listRuns({ kind: 'playground', limit: 10 }, signal), []);
  return (
    <section aria-labelledby="recent-playground-runs" className="recent-runs">
      <h2 id="recent-playground-runs">Recent playground runs</h2>
      {runs.state === 'loading' && <Loading what="your playground runs" />}
      {runs.state === 'failed' && <ErrorAlert error={runs.error} />}
      {runs.state === 'ready' &&
        (runs.data.length === 0 ? (
          <p>No playground run yet.</p>
        ) : (
          <RunTable runs={runs.data} subjectHeading="Peer" />
        ))}
    </section>
  );
}
