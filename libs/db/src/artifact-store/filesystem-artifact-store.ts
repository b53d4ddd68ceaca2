import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import {
  ArtifactStoreError,
  assertValidArtifactKey,
  assertValidRange,
  type ArtifactSource,
  type ArtifactStore,
  type ByteRange,
  type StoredArtifact,
} from './artifact-store';

/**
 * Artifacts as files under `rootDir`, one file per key. A put streams into a temporary
 * file in the target's directory and renames it over the target (rename(2) is atomic
 * within a filesystem), so concurrent readers never see a partial object and a crash
 * leaves at most a stray `.tmp-*` file.
 */
export class FilesystemArtifactStore implements ArtifactStore {
  private readonly root: string;

  constructor(rootDir: string) {
    this.root = path.resolve(rootDir);
  }

  async put(key: string, source: ArtifactSource): Promise<StoredArtifact> {
    const target = this.pathOf(key);
    const temp = path.join(path.dirname(target), `.tmp-${randomBytes(8).toString('hex')}`);
    const hash = createHash('sha256');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        size += chunk.length;
        callback(null, chunk);
      },
    });
    try {
      await mkdir(path.dirname(target), { recursive: true });
      await pipeline(toReadable(source), measure, createWriteStream(temp, { flags: 'wx' }));
      await rename(temp, target);
    } catch (error) {
      await rm(temp, { force: true });
      throw storageFailure(`Could not store artifact "${key}"`, error, false);
    }
    return { size, sha256: hash.digest('hex') };
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    const { size } = await this.stat(key);
    if (range) assertValidRange(range, size);
    const stream = createReadStream(
      this.pathOf(key),
      range ? { start: range.start, end: Math.min(range.end, size - 1) } : {},
    );
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', (error) =>
        reject(storageFailure(`Could not read artifact "${key}"`, error, true)),
      );
    });
    return stream;
  }

  async stat(key: string): Promise<{ size: number }> {
    try {
      const info = await stat(this.pathOf(key));
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      return { size: info.size };
    } catch (error) {
      throw storageFailure(`Could not stat artifact "${key}"`, error, true);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await rm(this.pathOf(key), { force: true });
    } catch (error) {
      throw storageFailure(`Could not delete artifact "${key}"`, error, true);
    }
  }

  private pathOf(key: string): string {
    assertValidArtifactKey(key);
    const full = path.resolve(this.root, ...key.split('/'));
    // Defence in depth: valid keys cannot escape, but never touch anything outside root.
    if (!full.startsWith(this.root + path.sep)) {
      throw new ArtifactStoreError('artifact/invalid-key', `"${key}" resolves outside the artifact root.`);
    }
    return full;
  }
}

export function toReadable(source: ArtifactSource): Readable {
  if (Buffer.isBuffer(source)) return Readable.from([source]);
  if (source instanceof Readable) return source;
  return createReadStream(source.path);
}

/** `missingMeansNotFound`: ENOENT concerns the artifact itself (not a put's source file). */
function storageFailure(message: string, error: unknown, missingMeansNotFound: boolean): ArtifactStoreError {
  if (error instanceof ArtifactStoreError) return error;
  if (missingMeansNotFound && (error as NodeJS.ErrnoException)?.code === 'ENOENT') {
    return new ArtifactStoreError('artifact/not-found', `${message}: no such artifact.`, { cause: error });
  }
  return new ArtifactStoreError(
    'artifact/storage-failed',
    `${message}: ${(error as Error)?.message ?? error}`,
    { cause: error },
  );
}
