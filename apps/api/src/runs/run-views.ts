import type { Run } from '@socklab/db';
import { findPlaygroundPreset } from '@socklab/exercise';
import { isStaff, type Principal } from '../auth/principal';
import { viewReport } from './report-view';

/** A run with what the views need of its submission, exercise (or playground preset) and assignment. */
export type RunRow = Run & {
  submission: {
    id: string;
    userId: string;
    language: string;
    createdAt: Date;
    playgroundPresetId: string | null;
    assignment: { dueAt: Date | null } | null;
    exerciseVersion: { version: number; exercise: { id: string; slug: string; title: string } } | null;
  };
};

/** The relations RunRow needs, for `include`. */
export const RUN_ROW_INCLUDE = {
  submission: {
    select: {
      id: true,
      userId: true,
      language: true,
      createdAt: true,
      playgroundPresetId: true,
      assignment: { select: { dueAt: true } },
      exerciseVersion: {
        select: { version: true, exercise: { select: { id: true, slug: true, title: true } } },
      },
    },
  },
} as const;

export interface RunSummary {
  id: string;
  status: Run['status'];
  attempt: number;
  /** The exercise version the run is graded against; null for a playground run. */
  exercise: { id: string; slug: string; title: string; version: number } | null;
  /** The playground preset a playground run ran against (nothing is graded); null for an exercise run. */
  playground: { presetId: string; title: string } | null;
  submission: { id: string; userId: string; language: string; createdAt: Date };
  /** Page with `?before=` this value of the last run seen. */
  createdAt: Date;
  queuedAt: Date;
  finishedAt: Date | null;
  score: number | null;
  maxScore: number | null;
  gradable: boolean | null;
  /** Set on a regrade an instructor requested: the earlier run of the same submission it re-grades. */
  regradeOfId: string | null;
  /**
   * While the run is queued: how many runs of the whole service are ahead of it (0 = it is
   * next); null once a runner took it, or when it is not queued.
   */
  queuePosition: number | null;
}

export interface RunDetail extends RunSummary {
  buildingAt: Date | null;
  runningAt: Date | null;
  gradingAt: Date | null;
  /** Why the run could not be graded (infrastructure trouble); the learner loses no attempt. */
  error: { code: string; message: string | null } | null;
  /** The grader's report as the caller may see it; null until graded. */
  report: unknown;
}

/** `queuePosition`: from RunRepo.queuePositions; ignored unless the row is queued. */
export function toRunSummary(row: RunRow, queuePosition: number | null = null): RunSummary {
  const { exerciseVersion, playgroundPresetId, assignment: _, ...submission } = row.submission;
  return {
    id: row.id,
    status: row.status,
    attempt: row.attempt,
    exercise: exerciseVersion ? { ...exerciseVersion.exercise, version: exerciseVersion.version } : null,
    playground: playgroundPresetId === null ? null : playgroundView(playgroundPresetId),
    submission,
    createdAt: row.createdAt,
    queuedAt: row.queuedAt,
    finishedAt: row.finishedAt,
    score: row.score,
    maxScore: row.maxScore,
    gradable: row.gradable,
    regradeOfId: row.regradeOfId,
    queuePosition: row.status === 'queued' ? queuePosition : null,
  };
}

/** A preset no longer built in (a run older than its removal) is still named, by its id. */
function playgroundView(presetId: string): { presetId: string; title: string } {
  return { presetId, title: findPlaygroundPreset(presetId)?.title ?? presetId };
}

export function toRunDetail(
  row: RunRow,
  viewer: Principal,
  now: Date = new Date(),
  queuePosition: number | null = null,
): RunDetail {
  return {
    ...toRunSummary(row, queuePosition),
    buildingAt: row.buildingAt,
    runningAt: row.runningAt,
    gradingAt: row.gradingAt,
    error: row.infraErrorCode ? { code: row.infraErrorCode, message: row.infraErrorMessage } : null,
    report: viewReport(row.report, {
      role: isStaff(viewer) ? 'instructor' : 'learner',
      now,
      dueAt: row.submission.assignment?.dueAt ?? null,
    }),
  };
}
