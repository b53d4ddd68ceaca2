import type { ExerciseRepo, Submission, TenantScope } from '@socklab/db';
import { findPlaygroundPreset, presetExercise } from '@socklab/exercise';
import { RunnerError } from './errors';

/**
 * The exercise spec a run's submission is executed against: for a playground run, the
 * one-scenario, no-checks exercise of its preset (presetExercise, as `socklab play` runs
 * it); otherwise the stored spec of its exercise version. A preset id that names no
 * built-in preset (removed since the run was queued) throws 'playground/unknown-preset',
 * which fails the run not gradable.
 */
export async function runExerciseSpec(
  exercises: Pick<ExerciseRepo, 'getVersion'>,
  scope: TenantScope,
  submission: Pick<Submission, 'exerciseVersionId' | 'playgroundPresetId'>,
): Promise<unknown> {
  if (submission.playgroundPresetId !== null) {
    const preset = findPlaygroundPreset(submission.playgroundPresetId);
    if (!preset) {
      throw new RunnerError(
        'playground/unknown-preset',
        `This runner has no playground preset "${submission.playgroundPresetId}".`,
      );
    }
    return presetExercise(preset);
  }
  if (submission.exerciseVersionId === null) {
    throw new RunnerError(
      'runner/invalid-submission',
      'The submission names neither an exercise version nor a playground preset.',
    );
  }
  return (await exercises.getVersion(scope, submission.exerciseVersionId)).spec;
}
