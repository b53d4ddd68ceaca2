import type { ArtifactStore } from './artifact-store';
import { FilesystemArtifactStore } from './filesystem-artifact-store';
import { S3ArtifactStore } from './s3-artifact-store';

/** Which artifact store a process uses; the API and the runners must agree. */
export type ArtifactStoreConfig =
  | { kind: 'fs'; rootDir: string }
  | {
      kind: 's3';
      endpoint: string;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      sessionToken?: string;
      keyPrefix?: string;
    };

/** A configuration that names no usable store; the message names the variable to set. */
export class ArtifactStoreConfigError extends Error {
  override readonly name = 'ArtifactStoreConfigError';
}

const S3_REQUIRED = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/**
 * Reads the store from the environment, once at start-up:
 * - `ARTIFACT_STORE` = `fs` (default) or `s3`;
 * - fs: files under `fsRootDir` (the process's SOCKLAB_ARTIFACT_DIR);
 * - s3: `S3_ENDPOINT` (http(s) URL), `S3_BUCKET`, `S3_REGION`, `S3_ACCESS_KEY_ID`,
 *   `S3_SECRET_ACCESS_KEY` are required; `S3_SESSION_TOKEN` and `S3_KEY_PREFIX` optional.
 * Throws ArtifactStoreConfigError naming every missing or invalid variable; never echoes
 * a secret's value.
 */
export function artifactStoreConfigFromEnv(env: NodeJS.ProcessEnv, fsRootDir: string): ArtifactStoreConfig {
  const kind = (env['ARTIFACT_STORE'] ?? '').trim() || 'fs';
  if (kind === 'fs') return { kind: 'fs', rootDir: fsRootDir };
  if (kind !== 's3')
    throw new ArtifactStoreConfigError(`ARTIFACT_STORE must be "fs" or "s3", not "${kind}".`);
  const value = (name: string) => env[name]?.trim() || undefined;
  const missing = S3_REQUIRED.filter((name) => value(name) === undefined);
  if (missing.length > 0)
    throw new ArtifactStoreConfigError(`ARTIFACT_STORE=s3 needs ${missing.join(', ')}; set ${missing.length > 1 ? 'them' : 'it'}.`);
  const endpoint = value('S3_ENDPOINT') as string;
  if (!/^https?:\/\/[^/]/.test(endpoint) || !URL.canParse(endpoint))
    throw new ArtifactStoreConfigError(`S3_ENDPOINT must be an http:// or https:// URL, not "${endpoint}".`);
  const sessionToken = value('S3_SESSION_TOKEN');
  const keyPrefix = value('S3_KEY_PREFIX');
  return {
    kind: 's3',
    endpoint,
    bucket: value('S3_BUCKET') as string,
    region: value('S3_REGION') as string,
    accessKeyId: value('S3_ACCESS_KEY_ID') as string,
    secretAccessKey: value('S3_SECRET_ACCESS_KEY') as string,
    ...(sessionToken ? { sessionToken } : {}),
    ...(keyPrefix ? { keyPrefix } : {}),
  };
}

/** The store a configuration names. */
export function createArtifactStore(config: ArtifactStoreConfig): ArtifactStore {
  if (config.kind === 'fs') return new FilesystemArtifactStore(config.rootDir);
  const { endpoint, bucket, region, accessKeyId, secretAccessKey, sessionToken, keyPrefix } = config;
  return new S3ArtifactStore({
    endpoint,
    bucket,
    region,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
    ...(keyPrefix ? { keyPrefix } : {}),
  });
}
