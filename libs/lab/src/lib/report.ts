import type { Language } from '@socklab/exercise';
import type { GradeReport } from '@socklab/grader';

export interface BuildResult {
  ok: boolean;
  /** Compiler output (stdout and stderr interleaved as they arrived), or why nothing was built. */
  output: string;
  durationMs: number;
}

export interface ArtifactRecord {
  /** Stable name, e.g. 'report.json', 'capture-three-chunks.pcapng'. */
  name: string;
  path: string;
  bytes: number;
}

export interface LabTimings {
  totalMs: number;
  buildMs: number;
  /** Per scenario id: from network setup to teardown. */
  scenariosMs: Record<string, number>;
  gradeMs: number;
}

/**
 * The outcome of one lab run, also written as report.json.
 * - `gradable: false` with `infraError`: the lab itself failed; the attempt does not count.
 * - `build.ok: false`: the submission did not build — graded (score 0), no scenario ran.
 */
export interface LabReport {
  jobId: string;
  exerciseId: string;
  language: Language;
  score: number;
  maxScore: number;
  gradable: boolean;
  infraError?: { code: string; message: string };
  build: BuildResult;
  scenarios: GradeReport['scenarios'];
  artifacts: ArtifactRecord[];
  timings: LabTimings;
}
