/**
 * The phases a learner watches — queued, building, running, grading, done — each with
 * how long it took (or has taken so far). Timestamps come from the run (the API);
 * a phase the live stream has announced but the API has not recorded yet counts from the
 * end of the phase before it.
 */
import type { RunStatus } from '@socklab/contracts';
import type { RunDetail } from '../api/types';
import type { LabPhase } from './live/live-run-log';

export type PhaseState = 'done' | 'current' | 'pending' | 'failed' | 'skipped';

export interface PhaseStep {
  phase: LabPhase;
  state: PhaseState;
  /** Time spent in the phase; null for pending or skipped phases. */
  elapsedMs: number | null;
}

const PHASES: readonly LabPhase[] = ['queued', 'building', 'running', 'grading', 'done'];
const RANK: Record<LabPhase, number> = { queued: 0, building: 1, running: 2, grading: 3, done: 4 };

type Timestamps = Pick<RunDetail, 'status' | 'queuedAt' | 'buildingAt' | 'runningAt' | 'gradingAt' | 'finishedAt'>;

export function phaseSteps(run: Timestamps, livePhase: LabPhase | null, now: number): PhaseStep[] {
  const terminal: RunStatus[] = ['done', 'failed', 'cancelled'];
  const stopped = run.status === 'failed' || run.status === 'cancelled';
  const statusPhase: LabPhase = terminal.includes(run.status) ? 'done' : (run.status as LabPhase);
  const reached = stopped ? lastStarted(run) : maxPhase(statusPhase, livePhase);
  const starts: (number | null)[] = [run.queuedAt, run.buildingAt, run.runningAt, run.gradingAt, run.finishedAt].map(
    (iso) => (iso ? Date.parse(iso) : null),
  );
  const endOfRun = run.finishedAt ? Date.parse(run.finishedAt) : now;

  return PHASES.map((phase, i): PhaseStep => {
    const rank = RANK[phase];
    if (phase === 'done') {
      const state = run.status === 'done' ? 'done' : stopped ? 'failed' : 'pending';
      return { phase, state, elapsedMs: null };
    }
    if (rank > RANK[reached]) return { phase, state: stopped ? 'skipped' : 'pending', elapsedMs: null };
    const start = starts[i] ?? previousEnd(starts, i);
    const nextStart = starts.slice(i + 1).find((t) => t !== null) ?? null;
    if (rank < RANK[reached] || run.status === 'done') {
      return { phase, state: 'done', elapsedMs: start !== null && nextStart !== null ? nextStart - start : null };
    }
    const end = stopped ? endOfRun : now;
    return { phase, state: stopped ? 'failed' : 'current', elapsedMs: start !== null ? Math.max(0, end - start) : null };
  });
}

function maxPhase(a: LabPhase, b: LabPhase | null): LabPhase {
  return b !== null && RANK[b] > RANK[a] ? b : a;
}

function lastStarted(run: Timestamps): LabPhase {
  if (run.gradingAt) return 'grading';
  if (run.runningAt) return 'running';
  if (run.buildingAt) return 'building';
  return 'queued';
}

function previousEnd(starts: (number | null)[], i: number): number | null {
  for (let j = i - 1; j >= 0; j--) if (starts[j] !== null) return starts[j];
  return null;
}
