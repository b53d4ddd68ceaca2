/**
 * Spec errors: every problem found in an exercise, with a stable code, the path of the
 * offending value in exercise.yaml terms (`scenarios[1].steps[3].when`) and a message an
 * instructor can act on. Loading returns all of them at once, or a complete spec — never
 * a half-loaded one.
 */
import type { z } from 'zod';
import { describe } from './builders';

export type SpecErrorCode =
  | 'exercise/yaml-syntax'
  | 'exercise/invalid-spec'
  | 'exercise/unknown-field'
  | 'exercise/unknown-reference'
  | 'exercise/duplicate-id'
  | 'exercise/bad-packet-line'
  | 'exercise/unknown-placeholder'
  | 'exercise/missing-toolchain'
  | 'exercise/missing-file'
  | 'exercise/unexpected-file'
  | 'exercise/not-found';

export type SpecPointer = ReadonlyArray<string | number>;

export interface SpecError {
  code: SpecErrorCode;
  /** Rendered path, e.g. `scenarios[1].steps[3].when.state.reach`; "" for the whole document. */
  path: string;
  /** The same path as keys and indices, for editors that highlight the value. */
  pointer: Array<string | number>;
  message: string;
  /** File relative to the exercise folder, when not exercise.yaml itself. */
  file?: string;
  /** 1-based position of the value in the file, when known. */
  line?: number;
  column?: number;
}

export type SpecResult<T> = { ok: true; value: T } | { ok: false; errors: SpecError[] };

export function formatPath(pointer: SpecPointer): string {
  return pointer
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      if (/^[A-Za-z_$][\w$]*$/.test(key)) return index === 0 ? key : `.${key}`;
      return `[${JSON.stringify(key)}]`;
    })
    .join('');
}

export function specError(code: SpecErrorCode, pointer: SpecPointer, message: string): SpecError {
  return { code, path: formatPath(pointer), pointer: [...pointer], message };
}

/** One line for logs and the CLI: `exercise.yaml:12:7 scenarios[0].steps[1]: … [exercise/unknown-reference]`. */
export function formatSpecError(error: SpecError, defaultFile = 'exercise.yaml'): string {
  const position = error.line === undefined ? '' : `:${error.line}:${error.column ?? 1}`;
  const path = error.path === '' ? '' : ` ${error.path}:`;
  return `${error.file ?? defaultFile}${position}${path} ${error.message} [${error.code}]`;
}

/** Thrown by callers that prefer exceptions; `errors` holds every problem. */
export class ExerciseSpecError extends Error {
  readonly code = 'exercise/invalid-spec';
  constructor(readonly errors: SpecError[]) {
    super(
      `invalid exercise (${errors.length} problem${errors.length === 1 ? '' : 's'}):\n` +
        errors.map((error) => `  ${formatSpecError(error)}`).join('\n'),
    );
    this.name = 'ExerciseSpecError';
  }
}

/** The value of an ok result, or throws ExerciseSpecError. */
export function unwrapSpecResult<T>(result: SpecResult<T>): T {
  if (result.ok) return result.value;
  throw new ExerciseSpecError(result.errors);
}

type Issue = z.core.$ZodIssue;

const isShapeMismatchAtRoot = (issue: Issue) =>
  issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value');

/** Replaces zod's generic wording; keeps messages the schema builders wrote. */
function messageFor(issue: Issue): string {
  const input = (issue as { input?: unknown }).input;
  const generic = /^(Invalid input|Too small|Too big|Invalid string|Invalid option)/.test(issue.message);
  if (!generic) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined
        ? 'missing required field'
        : `expected ${issue.expected}, got ${describe(input)}`;
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}, got ${describe(input)}`;
    case 'too_small':
      if (issue.origin === 'array')
        return `needs at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}`;
      if (issue.origin === 'string')
        return issue.minimum === 1 ? 'must not be empty' : `needs at least ${issue.minimum} characters`;
      return `must be at least ${issue.minimum}, got ${describe(input)}`;
    case 'too_big':
      if (issue.origin === 'array') return `takes at most ${issue.maximum} items`;
      return `must be at most ${issue.maximum}, got ${describe(input)}`;
    case 'invalid_union':
      return `${describe(input)} matches none of the allowed forms`;
    default:
      return issue.message;
  }
}

/** Converts zod issues (parsed with `reportInput: true`) into SpecErrors. */
export function fromZodIssues(issues: readonly Issue[], prefix: SpecPointer = []): SpecError[] {
  return issues.flatMap((issue): SpecError[] => {
    const pointer = [...prefix, ...issue.path.map((key) => (typeof key === 'symbol' ? String(key) : key))];
    switch (issue.code) {
      case 'unrecognized_keys':
        return [
          specError(
            'exercise/unknown-field',
            issue.keys.length === 1 ? [...pointer, issue.keys[0]] : pointer,
            issue.message,
          ),
        ];
      case 'invalid_union': {
        // Report the one branch that got past the shape check (e.g. the object form of
        // `ready`), rather than "matches none of" every form.
        const informative = issue.errors.filter((branch) => !branch.every(isShapeMismatchAtRoot));
        if (informative.length === 1) return fromZodIssues(informative[0], pointer);
        return [specError('exercise/invalid-spec', pointer, messageFor(issue))];
      }
      case 'invalid_key': {
        const reasons = issue.issues.map((inner) => messageFor(inner as Issue)).join('; ');
        return [
          specError('exercise/invalid-spec', pointer, `invalid name ${describe(issue.input)}: ${reasons}`),
        ];
      }
      case 'custom': {
        const code = (issue.params as { code?: SpecErrorCode } | undefined)?.code ?? 'exercise/invalid-spec';
        return [specError(code, pointer, issue.message)];
      }
      default:
        return [specError('exercise/invalid-spec', pointer, messageFor(issue))];
    }
  });
}
