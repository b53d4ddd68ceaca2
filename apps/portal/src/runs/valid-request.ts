import type { z } from 'zod';

/**
 * `value` as `schema` accepts it; otherwise an Error naming the first problem, e.g.
 * "Cannot submit: files.0.name: file names are flat…", for a form to show before any request.
 */
export function validRequest<T>(schema: z.ZodType<T>, value: unknown, refusal: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`${refusal}: ${issue.path.join('.')}: ${issue.message}`);
}
