import {
  formatSpecError,
  parseExerciseSpec,
  validateExerciseSpec,
  type ExerciseSpec,
  type SpecError,
} from '@socklab/exercise';
import { AppError } from '../errors/app-error';

/** Media types accepted for an exercise.yaml body. */
export const YAML_MEDIA_TYPES = [
  'application/yaml',
  'application/x-yaml',
  'text/yaml',
  'text/x-yaml',
  'text/plain',
];

/**
 * The exercise spec in a request body: exercise.yaml text, or the same document as JSON
 * (the portal's editor). Every problem is reported at once, as 422
 * `exercise/invalid-spec` with each error's path (and line and column for YAML).
 */
export function readExerciseSpec(body: unknown): ExerciseSpec {
  let result;
  if (typeof body === 'string') result = parseExerciseSpec(body);
  else if (body && typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length > 0)
    result = validateExerciseSpec(body);
  else {
    throw new AppError(
      'request/unsupported-media-type',
      `Send exercise.yaml with Content-Type ${YAML_MEDIA_TYPES[0]}, or the spec as application/json.`,
      415,
    );
  }
  if (result.ok) return result.value;
  throw AppError.invalid('exercise/invalid-spec', describe(result.errors), result.errors.map(toDetail));
}

function describe(errors: SpecError[]): string {
  const first = formatSpecError(errors[0]);
  return errors.length === 1
    ? first
    : `${first} (and ${errors.length - 1} more problem${errors.length === 2 ? '' : 's'})`;
}

function toDetail(error: SpecError): Record<string, unknown> {
  const { code, path, message, line, column } = error;
  return { code, path, message, ...(line === undefined ? {} : { line, column }) };
}
