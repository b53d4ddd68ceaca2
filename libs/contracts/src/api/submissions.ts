import { z } from 'zod';

import { LanguageSchema } from '../languages';

/** Limits on one submission, enforced here so portal and API reject the same input. */
export const SUBMISSION_LIMITS = {
  maxFiles: 32,
  maxFileBytes: 256 * 1024,
  maxTotalBytes: 1024 * 1024,
  maxFileNameLength: 100,
} as const;

/** UTF-8 byte length; TextEncoder keeps this file browser-safe. */
export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

/**
 * A flat file name: letters, digits, "_", "-", "."; no directories, no leading dot
 * (so no "..", no hidden files) — the build sandbox writes files by this name.
 */
const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

export const SubmissionFileSchema = z.object({
  name: z
    .string()
    .max(SUBMISSION_LIMITS.maxFileNameLength)
    .regex(FILE_NAME, 'file names are flat: letters, digits, "_", "-", "." and no leading dot'),
  content: z.string().refine((c) => utf8Length(c) <= SUBMISSION_LIMITS.maxFileBytes, {
    message: `a file may hold at most ${SUBMISSION_LIMITS.maxFileBytes} bytes`,
  }),
});
export type SubmissionFile = z.infer<typeof SubmissionFileSchema>;

export const CreateSubmissionRequestSchema = z
  .object({
    language: LanguageSchema,
    files: z.array(SubmissionFileSchema).min(1).max(SUBMISSION_LIMITS.maxFiles),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.files.forEach((file, index) => {
      if (seen.has(file.name)) ctx.addIssue({ code: 'custom', path: ['files', index, 'name'], message: `duplicate file name "${file.name}"` });
      seen.add(file.name);
    });
    const total = value.files.reduce((sum, file) => sum + utf8Length(file.content), 0);
    if (total > SUBMISSION_LIMITS.maxTotalBytes) {
      ctx.addIssue({ code: 'custom', path: ['files'], message: `all files together may hold at most ${SUBMISSION_LIMITS.maxTotalBytes} bytes (got ${total})` });
    }
  });
export type CreateSubmissionRequest = z.infer<typeof CreateSubmissionRequestSchema>;
