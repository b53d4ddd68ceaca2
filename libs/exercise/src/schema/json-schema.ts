/**
 * The JSON Schema of exercise.yaml (draft 2020-12), generated from the zod schema's input
 * side: editors validate and complete with it. Cross-reference rules (unknown hosts,
 * duplicate ids…) are beyond JSON Schema; only parseExerciseSpec enforces them.
 */
import { z } from 'zod';
import { API_VERSION, exerciseSpecSchema } from './exercise';

export const EXERCISE_SCHEMA_ID = 'https://socklab.dev/schemas/exercise.v1.json';

export function exerciseJsonSchema(): Record<string, unknown> {
  // Schemas with a meta id (Step, Check, PacketPattern…) become named $defs.
  const { $schema, ...generated } = z.toJSONSchema(exerciseSpecSchema, {
    io: 'input',
    target: 'draft-2020-12',
  });
  return { $schema, $id: EXERCISE_SCHEMA_ID, title: `socklab exercise (${API_VERSION})`, ...generated };
}
