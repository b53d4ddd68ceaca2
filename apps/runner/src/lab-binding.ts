import { validateExerciseSpec, formatSpecError, type Language } from '@socklab/exercise';
import { execute } from '@socklab/lab';
import type { SandboxDriver } from '@socklab/sandbox';

import type { LabExecutor } from './lab-executor';

/**
 * The real engine behind the LabExecutor seam. The stored spec was validated when the
 * version was published; it is validated again here because the schema may have moved on
 * since, and a spec this engine cannot read is an infrastructure failure
 * ('exercise/invalid-spec'), not the learner's.
 */
export function labExecutor(driver: SandboxDriver): LabExecutor {
  return {
    async execute(exercise, submission, options) {
      const spec = validateExerciseSpec(exercise.spec);
      if (!spec.ok) {
        throw Object.assign(
          new Error(
            `Stored exercise spec is invalid: ${spec.errors.map((e) => formatSpecError(e)).join('; ')}`,
          ),
          {
            code: 'exercise/invalid-spec',
          },
        );
      }
      return execute(
        { spec: spec.value },
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
