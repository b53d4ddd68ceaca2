import { isTerminalRunStatus } from '@socklab/contracts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ExerciseStatementSpec, RunDetail } from '../api/types';
import { useNavSection } from '../app/nav-claim';
import { Link } from '../app/router';
import { useSignedIn } from '../auth/session-context';
import { ErrorAlert, Loading, PageTitle } from '../ui/feedback';
import { formatDateTime } from '../ui/format';
import { LoadFailure } from '../ui/NotFound';
import { useLoad } from '../ui/use-load';
import { useNow } from '../ui/use-now';
import { ChecksPanel } from './ChecksPanel';
import { Downloads } from './Downloads';
import { useLiveRun } from './live/use-live-run';
import { OutputPanel } from './OutputPanel';
import { PhaseBar } from './PhaseBar';
import { phaseSteps } from './phase-steps';
import { queueNote, queuePosition } from './queue-note';
import { refreshDelay } from './run-refresh';
import { formatRunScore, runScore } from './run-score';
import { runSubject } from './run-subject';
import { checkGroups } from './report/check-rows';
import { readRunReport, type EvidenceRef } from './report/run-report';
import { ScenarioView, type EvidenceFocus } from './ScenarioView';
import { StatusBadge } from './StatusBadge';
import { useRunTrace } from './use-run-trace';

export function RunPage({ runId }: { runId: string }) {
  const { api } = useSignedIn();
  const run = useLoad((signal) => api.getRun(runId, signal), [runId]);
  if (run.state === 'loading') return <Loading what="the run" />;
  if (run.state === 'failed') return <LoadFailure error={run.error} what="run" />;
  return <RunView initial={run.data} reload={run.reload} />;
}

/**
 * The live run view: phases, checks with their evidence, the ladder diagram and state
 * timelines of every connection, output, and the stored files. Live events draw the
 * pictures while the run goes on; the stored trace.json replaces them when it is there.
 */
function RunView({ initial, reload }: { initial: RunDetail; reload(): void }) {
  const session = useSignedIn();
  const run = initial;
  // A playground run belongs to the Playground, though its page is /runs/:id like any run's.
  useNavSection(run.playground ? 'playground' : null);
  const live = useLiveRun(run.id, session.token, true);
  const { log } = live;
  const exerciseId = run.exercise?.id ?? null;
  const exercise = useLoad(
    (signal) => (exerciseId ? session.api.getExercise(exerciseId, signal) : Promise.resolve(null)),
    [exerciseId],
  );
  // A playground run's exercise is its preset's (presetExercise): one scenario named after the preset.
  const spec: ExerciseStatementSpec = run.playground
    ? { scenarios: [{ id: run.playground.presetId, title: run.playground.title }] }
    : (exercise.data?.spec ?? {});
  const finished = isTerminalRunStatus(run.status);
  const now = useNow(500, !finished);

  // The API's record moves on with the phases; fetch it again when the stream says so.
  const phaseCount = log.phases.length;
  const hasResult = log.result !== null || live.end !== null;
  useEffect(() => {
    if (phaseCount > 0 || hasResult) reload();
  }, [phaseCount, hasResult, reload]);
  const delay = refreshDelay({
    finished,
    hasResult,
    feed: live.status,
    queuedWithPosition: run.status === 'queued' && queuePosition(run) !== null,
  });
  useEffect(() => {
    if (delay === null) return;
    const timer = setTimeout(reload, delay);
    return () => clearTimeout(timer);
  }, [delay, reload, run]);

  const report = useMemo(() => readRunReport(run.report), [run.report]);
  const titles = useMemo(
    () => Object.fromEntries((spec.scenarios ?? []).map((s) => [s.id, s.title])),
    [spec.scenarios],
  );
  const artifacts = useLoad(
    (signal) => (finished ? session.api.listArtifacts(run.id, signal) : Promise.resolve(null)),
    [run.id, finished],
  );
  const stored = artifacts.state === 'ready' ? (artifacts.data?.artifacts ?? []) : [];
  const traceStored = stored.some((a) => a.name === 'trace.json');
  const trace = useRunTrace(session.api, run.id, traceStored, titles);
  const pictures =
    trace.state === 'ready'
      ? trace.pictures
      : log.pictures((spec.scenarios ?? []).map((s) => ({ id: s.id, title: s.title })));

  const [focus, setFocus] = useState<EvidenceFocus | null>(null);
  const showEvidence = useCallback(
    (scenarioId: string, evidence: EvidenceRef[]) => setFocus({ scenarioId, evidence, nonce: Date.now() }),
    [],
  );
  const groups = checkGroups(log.checks, report, spec);
  const steps = phaseSteps(run, log.currentPhase, now);
  const score = runScore({ playground: run.playground !== null, report, result: log.result });
  const infraError = run.error ?? log.errors.at(-1) ?? null;
  const subject = runSubject(run);

  return (
    <article className="run-page">
      <PageTitle actions={!finished && <CancelButton runId={run.id} onCancelled={reload} />}>
        {subject.title} — run of {formatDateTime(run.createdAt)}
      </PageTitle>
      <p className="run-summary">
        <StatusBadge status={run.status} gradable={run.gradable} />{' '}
        {score?.kind === 'score' && (
          <strong className="run-score" aria-label={`Score ${formatRunScore(score)}`}>
            {formatRunScore(score)}
          </strong>
        )}
        {score?.kind === 'not-graded' && <strong className="run-not-graded">{formatRunScore(score)}</strong>}{' '}
        <span className="muted">
          {run.submission.language} ·{run.playground ? '' : ` attempt ${run.attempt} ·`}{' '}
          <Link to={subject.href}>{subject.back}</Link>
        </span>
      </p>
      <FeedNotice status={live.status} problem={live.problem} finished={finished} />
      {infraError && (
        <div role="alert" className="alert alert-error">
          {run.playground
            ? `The lab could not run this program (${infraError.code}): ${infraError.message}.`
            : `The lab could not grade this run (${infraError.code}): ${infraError.message}. It does not count as an attempt.`}
        </div>
      )}

      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">Progress</h2>
        <PhaseBar steps={steps} note={queueNote(run, now) ?? undefined} />
      </section>

      <div className="run-columns">
        <section aria-labelledby="diagram-heading" className="run-main">
          <h2 id="diagram-heading">Connections</h2>
          {trace.state === 'failed' && (
            <ErrorAlert
              error={trace.error}
              title="The stored trace could not be read; showing the live view."
            />
          )}
          <ScenarioView
            pictures={pictures}
            source={trace.state === 'ready' ? 'trace' : 'live'}
            focus={focus}
          />
        </section>
        <section aria-labelledby="checks-heading" className="run-side">
          <h2 id="checks-heading">Checks</h2>
          {score?.kind === 'not-graded' ? (
            <p className="muted">
              {run.playground ? 'A playground run' : 'This run'} has no checks: nothing is graded. The
              connections and the output show what happened.
            </p>
          ) : (
            <ChecksPanel groups={groups} onShowEvidence={trace.state === 'ready' ? showEvidence : null} />
          )}
          <h2 id="files-heading">Files</h2>
          {artifacts.state === 'failed' ? (
            <ErrorAlert error={artifacts.error} title="The run’s files could not be listed." />
          ) : (
            <Downloads runId={run.id} artifacts={stored} />
          )}
        </section>
      </div>

      <section aria-labelledby="output-heading">
        <h2 id="output-heading">Output</h2>
        <OutputPanel
          blocks={
            log.output.length > 0
              ? log.output
              : report?.build?.output
                ? [{ stream: 'build', host: 'build', text: report.build.output }]
                : []
          }
          truncated={log.outputTruncated}
          finished={finished}
        />
      </section>
    </article>
  );
}

function FeedNotice({
  status,
  problem,
  finished,
}: {
  status: string;
  problem: { code: string; message: string } | null;
  finished: boolean;
}) {
  if (status === 'live' || status === 'ended' || (finished && status !== 'failed')) return null;
  const text =
    status === 'failed'
      ? `Live events are unavailable: ${problem?.message ?? 'the connection was refused'}.`
      : status === 'reconnecting'
        ? 'Reconnecting to the live event stream…'
        : 'Connecting to the live event stream…';
  return (
    <p className={status === 'failed' ? 'alert alert-warning' : 'hint'} role="status">
      {text}
    </p>
  );
}

function CancelButton({ runId, onCancelled }: { runId: string; onCancelled(): void }) {
  const { api } = useSignedIn();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await api.cancelRun(runId);
            onCancelled();
          } catch (failure) {
            setError(failure);
          } finally {
            setBusy(false);
          }
        }}
      >
        Cancel the run
      </button>
      {error !== null && <ErrorAlert error={error} />}
    </>
  );
}
