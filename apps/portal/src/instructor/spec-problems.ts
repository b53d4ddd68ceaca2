import { formatPath, parseExerciseSpec, type SpecError } from '@socklab/exercise/schema';

/**
 * The problems of an exercise.yaml as the editor shows them: the same parser and schema
 * the API applies on publish (@socklab/exercise: YAML syntax, the spec schema published
 * as JSON Schema, cross-references), each problem anchored to a range of the text.
 */
export interface SpecProblem {
  from: number;
  to: number;
  line: number | null;
  column: number | null;
  path: string;
  message: string;
  code: string;
}

export function specProblems(text: string): SpecProblem[] {
  if (text.trim() === '') return [];
  const result = parseExerciseSpec(text);
  if (result.ok) return [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  return result.errors.map((error) => anchor(error, text, lineStarts));
}

/** Problems the API reported (422 `exercise/invalid-spec` details), anchored the same way. */
export function problemsFromApi(details: unknown, text: string): SpecProblem[] {
  if (!Array.isArray(details)) return [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  return details
    .filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null)
    .map((d) => {
      // A folder upload's problems name their file; only exercise.yaml's are in the editor.
      const file = typeof d['file'] === 'string' ? d['file'] : 'exercise.yaml';
      const inEditor = file === 'exercise.yaml';
      const path = typeof d['path'] === 'string' ? d['path'] : '';
      return anchor(
        {
          code: (typeof d['code'] === 'string' ? d['code'] : 'exercise/invalid-spec') as SpecError['code'],
          path: inEditor ? path : [file, path].filter((part) => part !== '').join(' '),
          pointer: [],
          message: typeof d['message'] === 'string' ? d['message'] : 'invalid',
          ...(inEditor && typeof d['line'] === 'number'
            ? { line: d['line'], column: typeof d['column'] === 'number' ? d['column'] : 1 }
            : {}),
        },
        text,
        lineStarts,
      );
    });
}

function anchor(error: SpecError, text: string, lineStarts: number[]): SpecProblem {
  const path = error.path || formatPath(error.pointer);
  if (error.line === undefined || error.line < 1 || error.line > lineStarts.length) {
    return { from: 0, to: Math.min(text.length, lineEnd(text, 0)), line: null, column: null, path, message: error.message, code: error.code };
  }
  const start = lineStarts[error.line - 1];
  const end = lineEnd(text, start);
  const from = Math.min(end, start + Math.max(0, (error.column ?? 1) - 1));
  return { from, to: Math.max(from, end), line: error.line, column: error.column ?? 1, path, message: error.message, code: error.code };
}

function lineEnd(text: string, start: number): number {
  const newline = text.indexOf('\n', start);
  return newline === -1 ? text.length : newline;
}
