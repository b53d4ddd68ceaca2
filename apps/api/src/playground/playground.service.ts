import { Injectable } from '@nestjs/common';
import { CreatePlaygroundRunRequestSchema } from '@socklab/contracts';
import { findPlaygroundPreset, playgroundPresets, type PlaygroundPreset } from '@socklab/exercise';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { assertSubmissionSize } from '../submissions/submission-limits';
import { SubmissionQueue, type AcceptedSubmission } from '../submissions/submission-queue';

/**
 * Playground runs: a member's program against a built-in playground preset, with nothing
 * graded. The run is a run of a submission whose `playgroundPresetId` is set (see the
 * Submission model), queued exactly like an exercise submission and under the same
 * per-member limits; the runner builds the preset's exercise (presetExercise).
 */
@Injectable()
export class PlaygroundService {
  constructor(private readonly submissions: SubmissionQueue) {}

  /**
   * 413 `request/too-large` and 422 `request/invalid` as for a submission; 422
   * `playground/unknown-preset` when `presetId` names no preset; 429 under the
   * submission limits. Then 202 with the queued run.
   */
  async start(principal: Principal, body: unknown): Promise<AcceptedSubmission> {
    assertSubmissionSize(body);
    const request = CreatePlaygroundRunRequestSchema.parse(body);
    const preset = knownPreset(request.presetId);
    return this.submissions.queue(principal, {
      playgroundPresetId: preset.id,
      language: request.language,
      files: request.files,
    });
  }
}

function knownPreset(presetId: string): PlaygroundPreset {
  const preset = findPlaygroundPreset(presetId);
  if (preset) return preset;
  const ids = playgroundPresets.map((p) => p.id);
  throw AppError.invalid(
    'playground/unknown-preset',
    `presetId: there is no playground preset "${presetId}"; choose one of ${ids.join(', ')} (GET /api/v1/playground/presets).`,
    [{ path: 'presetId', message: 'not a playground preset', presets: ids }],
  );
}
