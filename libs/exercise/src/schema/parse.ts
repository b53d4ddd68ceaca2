/**
 * exercise.yaml text → a complete ExerciseSpec, or every error found. Three passes, each
 * run only if the previous one succeeded (later passes assume earlier guarantees):
 * YAML syntax, the schema (shape, types, defaults), cross-references.
 */
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { exerciseSpecSchema, type ExerciseSpec } from './exercise';
import { fromZodIssues, specError, type SpecError, type SpecResult } from './errors';
import { validateExerciseReferences } from './references/exercise-references';

/** Validates an already-parsed document (e.g. JSON from the portal's editor). */
export function validateExerciseSpec(document: unknown): SpecResult<ExerciseSpec> {
  const parsed = exerciseSpecSchema.safeParse(document, { reportInput: true });
  if (!parsed.success) return { ok: false, errors: fromZodIssues(parsed.error.issues) };
  const errors = validateExerciseReferences(parsed.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: parsed.data };
}

/** Parses exercise.yaml text; errors carry line and column. */
export function parseExerciseSpec(yamlText: string): SpecResult<ExerciseSpec> {
  const lineCounter = new LineCounter();
  const document = parseDocument(yamlText, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (document.errors.length > 0) {
    return {
      ok: false,
      errors: document.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { ...specError('exercise/yaml-syntax', [], error.message.split('\n')[0]), line, column: col };
      }),
    };
  }
  const result = validateExerciseSpec(document.toJS({ maxAliasCount: 100 }));
  if (result.ok) return result;
  return { ok: false, errors: result.errors.map((error) => locate(error, document, lineCounter)) };
}

/** Adds the line and column of the deepest existing node on the error's path. */
function locate(error: SpecError, document: Document, lineCounter: LineCounter): SpecError {
  for (let length = error.pointer.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(error.pointer.slice(0, length), true);
    if (isNode(node) && node.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return { ...error, line, column: col };
    }
  }
  return error;
}
