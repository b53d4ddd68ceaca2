/**
 * What a run's page and lists show in place of a score. A run with nothing to grade (a
 * playground run, or a report with no check and no points) is "not graded", never "0 / 0".
 * Pure.
 */
import { formatScore } from '../ui/format';

export type RunScore = { kind: 'score'; score: number; maxScore: number } | { kind: 'not-graded' } | null;

interface ScoreSources {
  /** The run is a playground run: nothing is ever graded. */
  playground: boolean;
  /** The stored report, once there. */
  report: { score: number; maxScore: number; scenarios: { checks: unknown[] }[] } | null;
  /** The live `result` event, or the run's recorded score. */
  result: { score: number | null; maxScore: number | null } | null;
}

/** The score to show, or null while it is not known yet. */
export function runScore({ playground, report, result }: ScoreSources): RunScore {
  if (playground) return { kind: 'not-graded' };
  if (report) {
    const checks = report.scenarios.reduce((sum, scenario) => sum + scenario.checks.length, 0);
    if (checks === 0 && report.maxScore === 0) return { kind: 'not-graded' };
    return { kind: 'score', score: report.score, maxScore: report.maxScore };
  }
  if (result && result.score !== null && result.maxScore !== null) {
    if (result.maxScore === 0) return { kind: 'not-graded' };
    return { kind: 'score', score: result.score, maxScore: result.maxScore };
  }
  return null;
}

export function formatRunScore(score: RunScore): string {
  if (score === null) return '–';
  return score.kind === 'not-graded' ? 'not graded' : formatScore(score.score, score.maxScore);
}
