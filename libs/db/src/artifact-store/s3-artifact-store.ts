import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
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
import { toReadable } from './filesystem-artifact-store';
import { signV4, uriEncode, type SigV4Credentials } from './sigv4';

export interface S3ArtifactStoreOptions {
  /** e.g. "https://s3.eu-central-1.amazonaws.com" or "http://127.0.0.1:9000" (MinIO). */
  endpoint: string;
  bucket: string;
  region: string;
  credentials: SigV4Credentials;
  /** Prepended to every key, e.g. "artifacts/". */
  keyPrefix?: string;
  /** Per-request timeout, ms. Default 60 000. */
  timeoutMs?: number;
  now?: () => Date;
}

/**
 * Artifacts in an S3-compatible bucket (AWS S3, MinIO, Ceph RGW), path-style addressing,
 * requests signed with SigV4 over node:http(s); no SDK. A PUT is atomic on S3, so readers
 * never see a partial object. Streams are spooled to a temporary file first because S3
 * needs the length and the payload hash before the body.
 */
export class S3ArtifactStore implements ArtifactStore {
  private readonly endpoint: URL;

  constructor(private readonly options: S3ArtifactStoreOptions) {
    this.endpoint = new URL(options.endpoint);
  }

  async put(key: string, source: ArtifactSource): Promise<StoredArtifact> {
    if (Buffer.isBuffer(source)) {
      const sha256 = createHash('sha256').update(source).digest('hex');
      await this.expectOk(
        await this.request('PUT', key, { sha256, size: source.length, body: () => Readable.from([source]) }),
        key,
      );
      return { size: source.length, sha256 };
    }
    const spool = source instanceof Readable ? await spoolToTempFile(source) : null;
    const file = spool?.file ?? (source as { path: string }).path;
    try {
      const { size, sha256 } = await hashFile(file);
      await this.expectOk(
        await this.request('PUT', key, { sha256, size, body: () => createReadStream(file) }),
        key,
      );
      return { size, sha256 };
    } finally {
      if (spool) await rm(spool.dir, { recursive: true, force: true });
    }
  }

  async get(key: string, range?: ByteRange): Promise<Readable> {
    if (range) assertValidRange(range);
    const headers: Record<string, string> = range ? { range: `bytes=${range.start}-${range.end}` } : {};
    const response = await this.request('GET', key, { headers });
    if (response.statusCode === 416) {
      response.resume();
      throw new ArtifactStoreError(
        'artifact/invalid-range',
        `Byte range ${range?.start}-${range?.end} of "${key}" is not satisfiable.`,
      );
    }
    await this.expectOk(response, key, false);
    return response;
  }

  async stat(key: string): Promise<{ size: number }> {
    const response = await this.request('HEAD', key);
    await this.expectOk(response, key);
    return { size: Number(response.headers['content-length'] ?? 0) };
  }

  async delete(key: string): Promise<void> {
    const response = await this.request('DELETE', key);
    if (response.statusCode === 404) return void response.resume();
    await this.expectOk(response, key);
  }

  private objectPath(key: string): string {
    assertValidArtifactKey(key);
    const base = this.endpoint.pathname.replace(/\/$/, '');
    return `${base}/${uriEncode(this.options.bucket)}/${uriEncode(`${this.options.keyPrefix ?? ''}${key}`, true)}`;
  }

  private request(
    method: 'GET' | 'PUT' | 'HEAD' | 'DELETE',
    key: string,
    init: { headers?: Record<string, string>; sha256?: string; size?: number; body?: () => Readable } = {},
  ): Promise<IncomingMessage> {
    const pathname = this.objectPath(key);
    const payloadHash = init.sha256 ?? createHash('sha256').update('').digest('hex');
    const headers: Record<string, string> = { ...init.headers, 'x-amz-content-sha256': payloadHash };
    if (init.size !== undefined) headers['content-length'] = String(init.size);
    const signed = signV4(
      { method, host: this.endpoint.host, path: pathname, headers, payloadHash },
      this.options.credentials,
      { region: this.options.region, service: 's3', now: this.options.now?.() ?? new Date() },
    );
    const transport = this.endpoint.protocol === 'http:' ? http : https;
    return new Promise((resolve, reject) => {
      const req = transport.request(
        {
          protocol: this.endpoint.protocol,
          hostname: this.endpoint.hostname,
          port: this.endpoint.port || undefined,
          path: pathname,
          method,
          headers: signed,
        },
        resolve,
      );
      req.setTimeout(this.options.timeoutMs ?? 60_000, () => req.destroy(new Error('request timed out')));
      req.on('error', (error) =>
        reject(
          new ArtifactStoreError(
            'artifact/storage-failed',
            `S3 ${method} "${key}" failed: ${error.message}`,
            { cause: error },
          ),
        ),
      );
      if (init.body)
        init
          .body()
          .on('error', (error) => req.destroy(error))
          .pipe(req);
      else req.end();
    });
  }

  private async expectOk(response: IncomingMessage, key: string, drain = true): Promise<void> {
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) {
      if (drain) response.resume();
      return;
    }
    const body = await readText(response);
    if (status === 404)
      throw new ArtifactStoreError(
        'artifact/not-found',
        `No artifact "${key}" in bucket ${this.options.bucket}.`,
      );
    const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? `HTTP ${status}`;
    throw new ArtifactStoreError('artifact/storage-failed', `S3 refused "${key}": ${code}.`);
  }
}

async function spoolToTempFile(source: Readable): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'socklab-s3-'));
  const file = path.join(dir, randomBytes(4).toString('hex'));
  try {
    await pipeline(source, createWriteStream(file));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new ArtifactStoreError(
      'artifact/storage-failed',
      `Could not spool artifact: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return { dir, file };
}

async function hashFile(file: string): Promise<StoredArtifact> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of toReadable({ path: file })) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { size, sha256: hash.digest('hex') };
}

async function readText(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').slice(0, 4_096);
}
