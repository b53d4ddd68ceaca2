/**
 * `socklab exercises validate DIR`: loads an exercise folder and reports every problem of
 * its spec and files at once, each with its file, line and path, so an instructor can fix
 * them in one pass. Exit 0 when the folder is valid, 2 when it is not.
 */
import { formatSpecError, loadExerciseFolder, type LoadedExercise } from '@socklab/exercise';
import { CliError, EXIT_OK, EXIT_USAGE } from '../cli-error';
import type { Output } from '../output';

export async function validateExercise(dir: string | undefined, out: Output): Promise<number> {
  if (dir === undefined) throw new CliError('cli/usage', 'usage: socklab exercises validate DIR');
  const result = await loadExerciseFolder(dir);
  if (!result.ok) {
    out.error(`${dir}: ${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}`);
    for (const error of result.errors) out.error(`  ${formatSpecError(error)}`);
    return EXIT_USAGE;
  }
  out.line(describeExercise(result.value));
  return EXIT_OK;
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
