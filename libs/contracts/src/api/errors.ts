import { z } from 'zod';

/**
 * Body of every non-2xx API response. `code` is stable and namespaced
 * ("run/not-found", "submission/too-large"); `message` is for people; `details` holds
 * machine-readable context such as validation issues.
 */
export const ErrorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string().regex(/^[a-z][a-z0-9-]*\/[a-z0-9-]+$/, 'code must look like "area/what-happened"'),
    message: z.string().min(1),
    details: z.unknown().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof ErrorEnvelopeSchema>;

export function errorEnvelope(code: string, message: string, details?: unknown): ErrorEnvelope {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}
