/**
 * An uploaded exercise folder — a zip archive or a JSON list of files — turned into a
 * checked list of files, or refused with every problem of the first kind found:
 * - 413 `exercise/upload-too-large`: more files, or more bytes (uncompressed) in a file
 *   or in all, than EXERCISE_UPLOAD_LIMITS allows; for a zip, decided from its declared
 *   sizes before anything is inflated (and inflating never exceeds them);
 * - 422 `exercise/unsafe-path`: a path that is absolute, climbs out with "..", is a
 *   symlink or another special file, or appears twice;
 * - 422 `exercise/invalid-archive`: not a zip, a damaged one, or one using zip features
 *   an exercise folder never needs.
 * macOS archive litter (`__MACOSX/`, `.DS_Store`) is dropped, and a folder zipped with its
 * own top-level directory (`half-close-echo/exercise.yaml`) is read from inside it.
 */
import {
  EXERCISE_UPLOAD_LIMITS,
  ExerciseFolderUploadSchema,
  uploadPathProblem,
  utf8Length,
} from '@socklab/contracts';
import { AppError } from '../../errors/app-error';
import { declaredEntryCount, readZipEntries, readZipEntry, ZipFormatError, type ZipEntry } from './zip-archive';

export interface FolderFile {
  /** Relative to the exercise folder, '/'-separated, checked by uploadPathProblem. */
  path: string;
  content: Buffer;
}

interface Candidate {
  path: string;
  kind: ZipEntry['kind'];
  bytes: number;
}

const LIMITS = EXERCISE_UPLOAD_LIMITS;

export function folderFromZip(archive: Buffer): FolderFile[] {
  const entries = zipFormat(() => {
    const count = declaredEntryCount(archive);
    assertFileCount(count);
    return readZipEntries(archive);
  });
  const kept = checkCandidates(entries.map((e) => ({ path: e.name, kind: e.kind, bytes: e.uncompressedSize })));
  const byName = new Map(entries.map((entry) => [entry.name, entry]));
  const files = kept.map((c) => ({ path: c.path, content: zipFormat(() => readZipEntry(archive, byName.get(c.path)!)) }));
  return withoutWrapperFolder(files);
}

export function folderFromJson(body: unknown): FolderFile[] {
  const count = (body as { files?: unknown } | null)?.files;
  if (Array.isArray(count)) assertFileCount(count.length);
  const upload = ExerciseFolderUploadSchema.parse(body);
  const kept = checkCandidates(
    upload.files.map((f) => ({ path: f.path, kind: 'file' as const, bytes: utf8Length(f.content) })),
  );
  const content = new Map(upload.files.map((f) => [f.path, f.content]));
  return withoutWrapperFolder(kept.map((c) => ({ path: c.path, content: Buffer.from(content.get(c.path)!, 'utf8') })));
}

/** Refuses unsafe paths and oversized content (all at once); @returns the files worth keeping. */
function checkCandidates(candidates: Candidate[]): Candidate[] {
  const unsafe: { file: string; message: string }[] = [];
  const seen = new Set<string>();
  for (const { path, kind } of candidates) {
    const problem =
      uploadPathProblem(path) ??
      (kind === 'symlink'
        ? 'a symbolic link; an exercise folder holds regular files only'
        : kind === 'other'
          ? 'a special file (device, pipe or socket); an exercise folder holds regular files only'
          : seen.has(path)
            ? 'the path appears more than once'
            : null);
    if (problem) unsafe.push({ file: path, message: problem });
    seen.add(path);
  }
  const folders = new Set(
    candidates
      .filter((c) => c.kind === 'file')
      .flatMap((c) => c.path.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))),
  );
  for (const { path, kind } of candidates) {
    if (kind === 'file' && folders.has(path)) unsafe.push({ file: path, message: 'the path is both a file and a folder' });
  }
  if (unsafe.length > 0) {
    throw AppError.invalid(
      'exercise/unsafe-path',
      `"${unsafe[0].file}": ${unsafe[0].message}${more(unsafe.length)}. Nothing was stored.`,
      unsafe,
    );
  }
  const files = candidates.filter((c) => c.kind === 'file' && !isLitter(c.path));
  const oversized = files
    .filter((f) => f.bytes > LIMITS.maxFileBytes)
    .map((f) => ({ file: f.path, bytes: f.bytes, limit: LIMITS.maxFileBytes }));
  if (oversized.length > 0) {
    throw new AppError(
      'exercise/upload-too-large',
      `"${oversized[0].file}" holds ${oversized[0].bytes} bytes; a file may hold at most ${LIMITS.maxFileBytes}${more(oversized.length)}.`,
      413,
      oversized,
    );
  }
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  if (total > LIMITS.maxTotalBytes) {
    throw new AppError(
      'exercise/upload-too-large',
      `The files hold ${total} bytes together (uncompressed); an exercise folder may hold at most ${LIMITS.maxTotalBytes}.`,
      413,
      [{ file: '', bytes: total, limit: LIMITS.maxTotalBytes }],
    );
  }
  return files;
}

function assertFileCount(count: number): void {
  if (count > LIMITS.maxFiles) {
    throw new AppError(
      'exercise/upload-too-large',
      `The upload holds ${count} entries; an exercise folder may hold at most ${LIMITS.maxFiles}.`,
      413,
      [{ file: '', entries: count, limit: LIMITS.maxFiles }],
    );
  }
}

/** macOS Finder's archive litter, never part of an exercise. */
function isLitter(path: string): boolean {
  return path.startsWith('__MACOSX/') || path === '.DS_Store' || path.endsWith('/.DS_Store');
}

/** `x/exercise.yaml`, `x/statement.md`, … → `exercise.yaml`, `statement.md`, …, when every file is under one `x/`. */
function withoutWrapperFolder(files: FolderFile[]): FolderFile[] {
  if (files.some((f) => f.path === 'exercise.yaml')) return files;
  const top = files[0]?.path.split('/')[0];
  if (!top || !files.every((f) => f.path.startsWith(`${top}/`))) return files;
  if (!files.some((f) => f.path === `${top}/exercise.yaml`)) return files;
  return files.map((f) => ({ path: f.path.slice(top.length + 1), content: f.content }));
}

function zipFormat<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ZipFormatError)
      throw AppError.invalid('exercise/invalid-archive', `The zip archive cannot be read: ${error.message}.`);
    throw error;
  }
}

const more = (count: number) => (count > 1 ? ` (and ${count - 1} more)` : '');
