/**
 * `socklab exercises list | show ID | validate DIR|ID`.
 *
 * validate loads the folder and reports every problem of its spec and files at once (each
 * with its file, line and path) so an instructor can fix them in one pass; then, unless
 * --no-run, it runs the self-test: every reference solution must score full marks and
 * every faulty solution must fail exactly its listed checks. --repeat N runs the
 * self-test N times and also requires the N grades of each solution to be identical.
 * Exit 0 when valid, 2 when the exercise is not (bad input), 1 when the lab failed.
 */
import { join } from 'node:path';
import { formatSpecError, LANGUAGES, type Language, type LoadedExercise } from '@socklab/exercise';
import { selfTestExercise, type SolutionResult } from '@socklab/lab';
import { packExerciseIds, resolveExercise } from '@socklab/pack';
import { integerOption, parseCommandArgs } from '../args';
import { artifactsDir } from '../artifacts-dir';
import { CliError, EXIT_INFRA, EXIT_OK, EXIT_USAGE } from '../cli-error';
import { createDriver } from '../drivers';
import type { Output } from '../output';
import { round } from '../progress';

const VALIDATE_USAGE =
  'usage: socklab exercises validate DIR|ID [--no-run] [--driver local|docker] [--lang L] [--repeat N] [--jobs N] [--out DIR]';

export async function exercisesCommand(argv: string[], out: Output): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'list') return listExercises(out);
  if (sub === 'show') return showExercise(rest, out);
  if (sub === 'validate') return validateExercise(rest, out);
  throw new CliError('cli/usage', 'usage: socklab exercises list | show ID | validate DIR|ID');
}

async function listExercises(out: Output): Promise<number> {
  for (const id of packExerciseIds()) {
    const loaded = await loadOrThrow(id);
    const { metadata, languages } = loaded.spec;
    out.line(
      `${id.padEnd(24)} ${metadata.difficulty.padEnd(12)} ${metadata.title}  [${Object.keys(languages).join(', ')}]`,
    );
  }
  return EXIT_OK;
}

async function showExercise(argv: string[], out: Output): Promise<number> {
  const { positionals } = parseCommandArgs(argv, {}, 'usage: socklab exercises show ID|DIR');
  if (positionals.length !== 1) throw new CliError('cli/usage', 'usage: socklab exercises show ID|DIR');
  const exercise = await loadOrThrow(positionals[0]);
  out.line(describeExercise(exercise));
  out.line('');
  out.line(exercise.statement.trimEnd());
  return EXIT_OK;
}

async function validateExercise(argv: string[], out: Output): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    {
      'no-run': { type: 'boolean' },
      driver: { type: 'string' },
      lang: { type: 'string', multiple: true },
      repeat: { type: 'string' },
      jobs: { type: 'string' },
      out: { type: 'string' },
    },
    VALIDATE_USAGE,
  );
  if (positionals.length !== 1) throw new CliError('cli/usage', VALIDATE_USAGE);
  const resolved = await resolveExercise(positionals[0]);
  if (!resolved.ok) {
    out.error(
      `${positionals[0]}: ${resolved.errors.length} problem${resolved.errors.length === 1 ? '' : 's'}`,
    );
    for (const error of resolved.errors) out.error(`  ${formatSpecError(error)}`);
    return EXIT_USAGE;
  }
  const exercise = resolved.value.exercise;
  out.line(describeExercise(exercise));
  if (values['no-run']) return EXIT_OK;

  const languages = values.lang?.map((lang) => {
    if (!(LANGUAGES as readonly string[]).includes(lang)) {
      throw new CliError('cli/unknown-language', `--lang ${lang}: choose one of ${LANGUAGES.join(', ')}`);
    }
    return lang as Language;
  });
  const repeat = integerOption(values.repeat, 'repeat', 1);
  const driver = await createDriver(values.driver);
  const outDir = artifactsDir(values.out, `selftest-${exercise.spec.metadata.id}`);
  const rounds: SolutionResult[][] = [];
  for (let round = 1; round <= repeat; round++) {
    if (repeat > 1) out.line(`self-test round ${round} of ${repeat}`);
    const report = await selfTestExercise(exercise, {
      driver,
      outDir: join(outDir, `round-${round}`),
      seed: 1,
      languages,
      concurrency: integerOption(values.jobs, 'jobs', 1),
      onResult: (result) => out.line(formatSolutionResult(result)),
    });
    rounds.push(report.results);
  }
  out.line(`artifacts: ${outDir}`);
  const all = rounds.flat();
  if (all.some((r) => r.report.infraError)) return EXIT_INFRA;
  const unstable = unstableSolutions(rounds);
  for (const label of unstable) out.error(`not reproducible: ${label} graded differently across rounds`);
  const failed = all.filter((r) => !r.ok);
  if (failed.length === 0 && unstable.length === 0) {
    out.line(
      `self-test passed: ${rounds[0].length} solution runs${repeat > 1 ? ` × ${repeat} rounds, identical grades` : ''}`,
    );
    return EXIT_OK;
  }
  out.error(`self-test failed: ${failed.length} solution run(s) did not behave as the exercise promises`);
  return EXIT_USAGE;
}

export function formatSolutionResult(result: SolutionResult): string {
  const label = `${result.kind === 'reference' ? 'reference' : `faulty ${result.name}`} (${result.language})`;
  const score = `${round(result.score)}/${round(result.maxScore)}`;
  const failing = result.failedChecks.length > 0 ? ` fails [${result.failedChecks.join(', ')}]` : '';
  const head = `  ${result.ok ? 'ok  ' : 'FAIL'} ${label}: ${score}${failing} in ${(result.durationMs / 1000).toFixed(1)} s`;
  return [head, ...result.problems.map((problem) => `       ${problem}`)].join('\n');
}

/** Labels of solutions whose score or failed checks differ between rounds. */
function unstableSolutions(rounds: SolutionResult[][]): string[] {
  const key = (r: SolutionResult) => `${r.kind}:${r.name}:${r.language}`;
  const grade = (r: SolutionResult) => `${r.score}|${r.failedChecks.join(',')}`;
  const first = new Map(rounds[0].map((r) => [key(r), grade(r)]));
  const unstable = new Set<string>();
  for (const round of rounds.slice(1)) {
    for (const r of round) if (first.get(key(r)) !== grade(r)) unstable.add(key(r));
  }
  return [...unstable];
}

export async function loadOrThrow(ref: string): Promise<LoadedExercise> {
  const resolved = await resolveExercise(ref);
  if (!resolved.ok) {
    throw new CliError(
      resolved.errors[0]?.code ?? 'exercise/invalid-spec',
      `${ref}: ${resolved.errors.map((error) => formatSpecError(error)).join('\n  ')}`,
    );
  }
  return resolved.value.exercise;
}

export function describeExercise(exercise: LoadedExercise): string {
  const { spec } = exercise;
  const points = spec.checks.reduce((sum, check) => sum + check.points, 0);
  return [
    `${spec.metadata.id}: ${spec.metadata.title} (${spec.metadata.difficulty})`,
    `  ${spec.metadata.summary}`,
    `  languages: ${Object.keys(spec.languages).join(', ')}`,
    `  scenarios: ${spec.scenarios.map((s) => s.id).join(', ')}`,
    `  checks: ${spec.checks.length} worth ${points} points`,
    `  solutions: reference in ${exercise.reference.map((r) => r.language).join(', ') || 'none'}; ` +
      `faulty: ${exercise.faulty.map((f) => f.name).join(', ') || 'none'}`,
  ].join('\n');
}
