import type { Readable } from 'node:stream';

/**
 * Where run artifacts (capture.pcapng, trace.json, report.json, logs) live. Keys are
 * relative, '/'-separated paths chosen by the caller, e.g.
 * "tenants/<tenantId>/runs/<runId>/<attempt>/capture.pcapng"; they are never shown to
 * clients (the API serves artifacts by id).
 */
export interface ArtifactStore {
  /**
   * Stores the bytes under `key`, replacing any previous object atomically: a reader
   * sees the old or the new object, never a partial one. `source` is a stream, a buffer,
   * or `{ path }` of a local file.
   */
  put(key: string, source: ArtifactSource): Promise<StoredArtifact>;
  /** Streams the object, or the inclusive byte range `start..end` of it. */
  get(key: string, range?: ByteRange): Promise<Readable>;
  /** Size of the object; 'artifact/not-found' when absent. */
  stat(key: string): Promise<{ size: number }>;
  /** Removes the object; deleting an absent key is not an error. */
  delete(key: string): Promise<void>;
}

export type ArtifactSource = Readable | Buffer | { path: string };

export interface StoredArtifact {
  size: number;
  /** Hex sha256 of the stored bytes. */
  sha256: string;
}

/** Inclusive byte offsets, as in an HTTP Range header. */
export interface ByteRange {
  start: number;
  end: number;
}

export type ArtifactStoreErrorCode =
  /** The key is empty, absolute, has '..'/'.' segments, backslashes or control characters. */
  | 'artifact/invalid-key'
  | 'artifact/not-found'
  /** The range is negative, reversed, or starts past the end of the object. */
  | 'artifact/invalid-range'
  /** The backing storage failed (disk, network, S3 error response). */
  | 'artifact/storage-failed';

export class ArtifactStoreError extends Error {
  override readonly name = 'ArtifactStoreError';

  constructor(
    readonly code: ArtifactStoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isArtifactStoreError(
  error: unknown,
  code?: ArtifactStoreErrorCode,
): error is ArtifactStoreError {
  return error instanceof ArtifactStoreError && (code === undefined || error.code === code);
}

const SEGMENT = /^[A-Za-z0-9._@+=-]+$/;

/**
 * Keys are 1..512 characters of '/'-separated segments, each of letters, digits and
 * `. _ @ + = -`, none of them '.' or '..'. Such a key maps to the same path on every
 * backend and cannot escape the store's root.
 */
export function assertValidArtifactKey(key: string): void {
  const segments = key.split('/');
  const valid =
    key.length > 0 && key.length <= 512 && segments.every((s) => SEGMENT.test(s) && s !== '.' && s !== '..');
  if (!valid) throw new ArtifactStoreError('artifact/invalid-key', `"${key}" is not a valid artifact key.`);
}

export function assertValidRange(range: ByteRange, size?: number): void {
  const { start, end } = range;
  const valid =
    Number.isSafeInteger(start) &&
    Number.isSafeInteger(end) &&
    start >= 0 &&
    end >= start &&
    (size === undefined || start < size);
  if (!valid)
    throw new ArtifactStoreError('artifact/invalid-range', `Byte range ${start}-${end} is not satisfiable.`);
}
