/**
 * A playground preset: a peer behaviour a learner's program can be run against with no
 * grading, to watch what the seed articles describe. Presets use the exercise step language.
 */
import { z } from 'zod';
import { kebabId, strictObject } from '../builders';
import { ExerciseSpecError, fromZodIssues, type SpecError, type SpecPointer } from '../errors';
import { learnerHostSchema, peerSchema } from '../hosts';
import { impairmentSchema } from '../impairments';
import { HostDirectory } from '../references/host-directory';
import { validateScenarioReferences } from '../references/scenario-references';
import { stepSchema } from '../steps';

export const playgroundPresetSchema = strictObject({
  id: kebabId('a preset id'),
  title: z.string().min(1),
  /** Learner-facing: what the peer does and what to look for in the trace. */
  description: z.string().min(1),
  /** The program the learner brings, and how it is started. */
  learner: learnerHostSchema,
  peers: z.array(peerSchema).default([]),
  impairments: z.array(impairmentSchema).default([]),
  steps: z.array(stepSchema).min(1),
});
export type PlaygroundPreset = z.output<typeof playgroundPresetSchema>;
export type PlaygroundPresetInput = z.input<typeof playgroundPresetSchema>;

/** Validates one preset like a one-scenario exercise; errors point into the preset. */
export function validatePlaygroundPreset(
  input: unknown,
  pointer: SpecPointer = [],
): { preset?: PlaygroundPreset; errors: SpecError[] } {
  const parsed = playgroundPresetSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { errors: fromZodIssues(parsed.error.issues, pointer) };
  const preset = parsed.data;
  const errors: SpecError[] = [];
  const hosts = new HostDirectory({ learner: [preset.learner], peers: preset.peers }, errors);
  if (preset.learner.target !== undefined)
    hosts.resolveAny(preset.learner.target, [...pointer, 'learner', 'target']);
  validateScenarioReferences(
    preset,
    pointer,
    hosts,
    { isManual: () => preset.learner.start === 'manual' },
    errors,
  );
  return errors.length > 0 ? { errors } : { preset, errors };
}

/** Builds a registry; a broken preset is a programming error and throws ExerciseSpecError. */
export function definePlaygroundPresets(
  inputs: readonly PlaygroundPresetInput[],
): readonly PlaygroundPreset[] {
  const errors: SpecError[] = [];
  const presets: PlaygroundPreset[] = [];
  const seen = new Set<string>();
  inputs.forEach((input, index) => {
    const result = validatePlaygroundPreset(input, [index]);
    errors.push(...result.errors);
    if (result.preset === undefined) return;
    if (seen.has(result.preset.id)) {
      errors.push(
        ...fromZodIssues(
          [
            {
              code: 'custom',
              path: ['id'],
              message: `duplicate preset id "${result.preset.id}"`,
              input: result.preset.id,
            },
          ],
          [index],
        ),
      );
    }
    seen.add(result.preset.id);
    presets.push(result.preset);
  });
  if (errors.length > 0) throw new ExerciseSpecError(errors);
  return Object.freeze(presets);
}
