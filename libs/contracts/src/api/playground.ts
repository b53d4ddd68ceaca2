import { z } from 'zod';

import { CreateSubmissionRequestSchema } from './submissions';

/**
 * Body of `POST /api/v1/playground/runs`: the program (language and files, under exactly
 * the rules and limits of a submission) and the id of the playground preset it runs
 * against. Whether the id names a preset is the API's to say (422 playground/unknown-preset).
 */
export const CreatePlaygroundRunRequestSchema = z.intersection(
  CreateSubmissionRequestSchema,
  z.object({ presetId: z.string().min(1).max(100) }),
);
export type CreatePlaygroundRunRequest = z.infer<typeof CreatePlaygroundRunRequestSchema>;
