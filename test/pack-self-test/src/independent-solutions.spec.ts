/**
 * Issue 6's acceptance, checked through the real lab with the local driver: honest solutions
 * written from each exercise's contract alone (EXERCISES.md, statement.md, starter code), by
 * different hands and in other styles than the references (C++, Java, Python with asyncio,
 * selectors or socketserver), score full marks. They live in
 * libs/pack/independent/<exercise>/<language>/; each is graded once, two at a time.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Language } from '@socklab/exercise';
import { execute, mapConcurrently, type LabReport } from '@socklab/lab';
import { LocalDriver } from '@socklab/sandbox';
import { PACK_DIR, loadPackExercise, packExerciseIds } from '@socklab/pack';

const INDEPENDENT_DIR = join(PACK_DIR, '..', 'independent');
const LANGUAGES: readonly Language[] = ['c', 'cpp', 'python', 'java'];
/**
 * One lab at a time: the suite runs beside the rest of the tests on a 2-core machine, and
 * event-loop-server's slow-reader scenario gives its 8 fast clients 2 s — with two labs of
 * this file and another test's lab competing for the cores, event-loop-server/cpp missed it
 * in CI. A grade must not depend on how busy the machine is.
 */
const CONCURRENCY = 1;
const SEED = 1;

interface IndependentSolution {
  exerciseId: string;
  language: Language;
  dir: string;
  /** "half-close-echo/java" */
  label: string;
}

function subdirectories(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => statSync(join(dir, name)).isDirectory())
    .sort();
}

function independentSolutions(): IndependentSolution[] {
  return subdirectories(INDEPENDENT_DIR).flatMap((exerciseId) =>
    subdirectories(join(INDEPENDENT_DIR, exerciseId)).map((language) => {
      if (!LANGUAGES.includes(language as Language))
        throw new Error(
          `${exerciseId}/${language}: the folder must be named after a language (${LANGUAGES.join(', ')})`,
        );
      return {
        exerciseId,
        language: language as Language,
        dir: join(INDEPENDENT_DIR, exerciseId, language),
        label: `${exerciseId}/${language}`,
      };
    }),
  );
}

/** Why the report is not full marks, one line per failing check; [] for full marks. */
function shortcomings(report: LabReport): string[] {
  if (report.infraError) return [`the lab failed (${report.infraError.code}): ${report.infraError.message}`];
  if (!report.build.ok) return [`did not build: ${report.build.output.trim()}`];
  const failing = report.scenarios.flatMap((scenario) =>
    scenario.checks
      .filter((check) => check.status !== 'pass')
      .map((check) => `${check.id} in ${scenario.id} (${check.status}): ${check.message.split('\n')[0]}`),
  );
  if (failing.length === 0 && report.score !== report.maxScore)
    return [`scored ${report.score} of ${report.maxScore} with no failing check`];
  return failing;
}

async function grade(solution: IndependentSolution, outRoot: string): Promise<LabReport> {
  const loaded = await loadPackExercise(solution.exerciseId);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const files = readdirSync(solution.dir).map((name) => ({
    name,
    content: readFileSync(join(solution.dir, name), 'utf8'),
  }));
  return execute(
    { spec: loaded.value.spec, dir: loaded.value.dir },
    { language: solution.language, files },
    { driver, outDir: join(outRoot, `${solution.exerciseId}-${solution.language}`), seed: SEED },
  );
}

const driver = new LocalDriver();
const solutions = independentSolutions();
const reports = new Map<string, LabReport>();

describe('independent solutions written from the contract alone', () => {
  beforeAll(async () => {
    const outRoot = mkdtempSync(join(tmpdir(), 'pack-independent-'));
    const graded = await mapConcurrently(solutions, CONCURRENCY, (solution) => grade(solution, outRoot));
    graded.forEach((report, i) => reports.set(solutions[i].label, report));
  }, 1_800_000);

  it('exist in C++ and Java for every exercise of the pack, and only for exercises of the pack', () => {
    const ids = packExerciseIds();
    const missing = ids.flatMap((id) =>
      (['cpp', 'java'] as const)
        .filter((language) => !solutions.some((s) => s.exerciseId === id && s.language === language))
        .map((language) => `${id}/${language}`),
    );
    const strays = solutions.filter((s) => !ids.includes(s.exerciseId)).map((s) => s.label);
    expect({ missing, strays }).toEqual({ missing: [], strays: [] });
  });

  it.each(solutions.map((s) => s.label))('%s scores full marks', (label) => {
    const report = reports.get(label);
    if (!report) throw new Error(`${label} was not graded`);
    expect({ solution: label, score: report.score, failing: shortcomings(report) }).toEqual({
      solution: label,
      score: report.maxScore,
      failing: [],
    });
  });
});
