import type { ExerciseRepo, Submission, TenantScope } from '@socklab/db';
import { findPlaygroundPreset, presetExercise } from '@socklab/exercise';

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
      throw Object.assign(
        new Error(`This runner has no playground preset "${submission.playgroundPresetId}".`),
        { code: 'playground/unknown-preset' },
      );
    }
    return presetExercise(preset);
  }
  if (submission.exerciseVersionId === null) {
    throw Object.assign(
      new Error('The submission names neither an exercise version nor a playground preset.'),
      {
        code: 'runner/invalid-submission',
      },
    );
  }
  return (await exercises.getVersion(scope, submission.exerciseVersionId)).spec;
}
