/**
 * An exercise's self-test: every reference solution must score full marks, and every
 * faulty solution must fail exactly the checks its expectation lists (`mustFail`) — no
 * more, no fewer. A check "fails" for a solution when it does not pass in at least one
 * scenario it applies to. Each solution runs through the real lab (execute()), so the
 * self-test proves the exercise, the engine and the grader together.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Language, LoadedExercise, SourceTree } from '@socklab/exercise';
import type { SandboxDriver } from '@socklab/sandbox';
import { execute } from './execute';
import { mapConcurrently } from './run-at-most';
import type { LabReport } from './report';

export interface SelfTestOptions {
  driver: SandboxDriver;
  /** Each solution's artifacts go to `<outDir>/<kind>-<name>-<language>/`. */
  outDir: string;
  /** Seed for every run, so repeated self-tests drive identical scenarios. */
  seed?: number;
  /** Solutions run at once (default 1). */
  concurrency?: number;
  /** Only solutions in these languages. */
  languages?: Language[];
  signal?: AbortSignal;
  /** Called as each solution finishes, in completion order. */
  onResult?: (result: SolutionResult) => void;
}

export interface SolutionResult {
  kind: 'reference' | 'faulty';
  /** 'reference' for reference solutions, the faulty solution's name otherwise. */
  name: string;
  language: Language;
  ok: boolean;
  score: number;
  maxScore: number;
  gradable: boolean;
  /** Checks that did not pass in some scenario, sorted. */
  failedChecks: string[];
  /** What the exercise promised: [] for references, mustFail for faulty ones (sorted). */
  expectedFailures: string[];
  /** Why `ok` is false, one sentence each. */
  problems: string[];
  durationMs: number;
  report: LabReport;
}

export interface SelfTestReport {
  exerciseId: string;
  ok: boolean;
  results: SolutionResult[];
}

interface SolutionToRun {
  kind: 'reference' | 'faulty';
  name: string;
  tree: SourceTree;
  expectedFailures: string[];
}

export async function selfTestExercise(
  exercise: LoadedExercise,
  options: SelfTestOptions,
): Promise<SelfTestReport> {
  const wanted = (tree: SourceTree) => !options.languages || options.languages.includes(tree.language);
  const solutions: SolutionToRun[] = [
    ...exercise.reference
      .filter(wanted)
      .map((tree) => ({ kind: 'reference' as const, name: 'reference', tree, expectedFailures: [] })),
    ...exercise.faulty.flatMap((faulty) =>
      faulty.sources.filter(wanted).map((tree) => ({
        kind: 'faulty' as const,
        name: faulty.name,
        tree,
        expectedFailures: [...faulty.mustFail].sort(),
      })),
    ),
  ];
  const results = await mapConcurrently(solutions, options.concurrency ?? 1, async (solution) => {
    const result = await runSolution(exercise, solution, options);
    options.onResult?.(result);
    return result;
  });
  return { exerciseId: exercise.spec.metadata.id, ok: results.every((r) => r.ok), results };
}

async function runSolution(
  exercise: LoadedExercise,
  solution: SolutionToRun,
  options: SelfTestOptions,
): Promise<SolutionResult> {
  const { tree } = solution;
  const files = await Promise.all(
    tree.files.map(async (name) => ({ name, content: await readFile(join(tree.dir, name), 'utf8') })),
  );
  const outDir = join(options.outDir, `${solution.kind}-${solution.name}-${tree.language}`);
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  const report = await execute(
    { spec: exercise.spec, dir: exercise.dir },
    { language: tree.language, files },
    { driver: options.driver, outDir, seed: options.seed, signal: options.signal },
  );
  const failedChecks = [
    ...new Set(report.scenarios.flatMap((s) => s.checks.filter((c) => c.status !== 'pass').map((c) => c.id))),
  ].sort();
  const problems = judge(report, failedChecks, solution);
  return {
    ok: problems.length === 0,
    kind: solution.kind,
    name: solution.name,
    language: tree.language,
    score: report.score,
    maxScore: report.maxScore,
    gradable: report.gradable,
    failedChecks,
    expectedFailures: solution.expectedFailures,
    problems,
    durationMs: Math.round(performance.now() - started),
    report,
  };
}

function judge(report: LabReport, failedChecks: string[], solution: SolutionToRun): string[] {
  if (report.infraError) return [`the lab failed (${report.infraError.code}): ${report.infraError.message}`];
  if (!report.build.ok) return [`the solution did not build:\n${report.build.output.trim()}`];
  if (!report.gradable) return ['the run is not gradable (a check could not be evaluated)'];
  const problems: string[] = [];
  const unexpected = failedChecks.filter((id) => !solution.expectedFailures.includes(id));
  const missed = solution.expectedFailures.filter((id) => !failedChecks.includes(id));
  if (unexpected.length > 0) problems.push(`failed checks it should pass: ${unexpected.join(', ')}`);
  if (missed.length > 0) problems.push(`passed checks it should fail: ${missed.join(', ')}`);
  if (solution.kind === 'reference' && problems.length === 0 && report.score !== report.maxScore) {
    problems.push(`scored ${report.score} of ${report.maxScore}`);
  }
  return problems;
}
