import { z } from 'zod';

/**
 * Limits on an uploaded exercise folder (zip archive or JSON file list), enforced by the
 * API; the portal may check them first. The exercise folders of the built-in pack hold
 * about a dozen files and 50 KiB.
 */
export const EXERCISE_UPLOAD_LIMITS = {
  /** The zip file as sent. */
  maxArchiveBytes: 2 * 1024 * 1024,
  /** Files in the folder (zip: entries, directories included). */
  maxFiles: 256,
  /** Uncompressed size of one file. */
  maxFileBytes: 256 * 1024,
  /** Uncompressed size of all files together. */
  maxTotalBytes: 1024 * 1024,
  maxPathLength: 255,
  maxPathDepth: 16,
} as const;

/** Body of `POST /api/v1/exercises/folder`: the exercise folder's files, '/'-separated paths. */
export const ExerciseFolderUploadSchema = z.object({
  files: z
    .array(z.object({ path: z.string().min(1), content: z.string() }))
    .min(1)
    .max(EXERCISE_UPLOAD_LIMITS.maxFiles),
});
export type ExerciseFolderUpload = z.infer<typeof ExerciseFolderUploadSchema>;

/**
 * Why a path inside an uploaded folder is refused, or null when it is acceptable: a
 * relative '/'-separated path with no "." or ".." segment, no empty segment, no
 * backslash, drive letter or control character, within the length and depth limits.
 * A trailing '/' (a zip directory entry) is allowed.
 */
export function uploadPathProblem(path: string): string | null {
  if (path.length === 0) return 'the path is empty';
  if (path.length > EXERCISE_UPLOAD_LIMITS.maxPathLength)
    return `the path is longer than ${EXERCISE_UPLOAD_LIMITS.maxPathLength} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'the path holds a control character';
  if (path.includes('\\')) return 'the path holds a backslash; use "/" between folders';
  if (path.startsWith('/')) return 'the path is absolute; paths must be relative to the exercise folder';
  if (/^[A-Za-z]:/.test(path)) return 'the path starts with a drive letter; paths must be relative';
  const segments = (path.endsWith('/') ? path.slice(0, -1) : path).split('/');
  if (segments.includes('..')) return 'the path climbs out of the folder with ".."';
  if (segments.some((segment) => segment === '' || segment === '.'))
    return 'the path has an empty or "." segment';
  if (segments.length > EXERCISE_UPLOAD_LIMITS.maxPathDepth)
    return `the path is deeper than ${EXERCISE_UPLOAD_LIMITS.maxPathDepth} folders`;
  return null;
}
