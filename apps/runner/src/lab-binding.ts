import type { ExerciseSpec, Language } from '@socklab/exercise';
import { execute } from '@socklab/lab';
import type { SandboxDriver } from '@socklab/sandbox';

import type { LabExecutor } from './lab-executor';

/**
 * The real engine behind the LabExecutor seam.
 *
 * A stored exercise version holds the ExerciseSpec the API produced when it validated the
 * version: the schema's output (defaults filled in, steps and checks in their internal
 * form), which the schema cannot read a second time. It is taken as it is; a document too
 * broken to be such a spec is an infrastructure failure ('exercise/invalid-spec'), not
 * the learner's.
 */
export function labExecutor(driver: SandboxDriver): LabExecutor {
  return {
    async execute(exercise, submission, options) {
      return execute(
        { spec: storedSpec(exercise.spec) },
        { language: submission.language as Language, files: submission.files },
        {
          driver,
          outDir: options.outDir,
          jobId: options.jobId,
          signal: options.signal,
          onEvent: options.onEvent,
        },
      );
    },
  };
}

export function storedSpec(document: unknown): ExerciseSpec {
  const spec = document as Partial<ExerciseSpec> | null;
  const problems = [
    typeof spec?.metadata?.id === 'string' ? null : 'metadata.id',
    Array.isArray(spec?.scenarios) ? null : 'scenarios',
    Array.isArray(spec?.checks) ? null : 'checks',
    Array.isArray(spec?.hosts?.learner) ? null : 'hosts.learner',
    spec?.languages && typeof spec.languages === 'object' ? null : 'languages',
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) {
    throw Object.assign(
      new Error(
        `The stored exercise spec is not an exercise spec: ${problems.join(', ')} missing or malformed.`,
      ),
      { code: 'exercise/invalid-spec' },
    );
  }
  return spec as ExerciseSpec;
}
