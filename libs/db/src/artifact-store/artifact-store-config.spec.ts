import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  artifactStoreConfigFromEnv,
  ArtifactStoreConfigError,
  createArtifactStore,
} from './artifact-store-config';
import { FilesystemArtifactStore } from './filesystem-artifact-store';
import { S3ArtifactStore } from './s3-artifact-store';

const S3_ENV = {
  ARTIFACT_STORE: 's3',
  S3_ENDPOINT: 'http://127.0.0.1:9000',
  S3_BUCKET: 'socklab',
  S3_REGION: 'us-east-1',
  S3_ACCESS_KEY_ID: 'AKIDEXAMPLE',
  S3_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

describe('artifact store selection', () => {
  it('is the filesystem under the given directory when ARTIFACT_STORE is unset, empty or fs', () => {
    for (const env of [{}, { ARTIFACT_STORE: '' }, { ARTIFACT_STORE: 'fs', S3_BUCKET: 'ignored' }])
      expect(artifactStoreConfigFromEnv(env, '/srv/artifacts')).toEqual({ kind: 'fs', rootDir: '/srv/artifacts' });
  });

  it('is S3 with every variable taken over, the optional ones only when set', () => {
    expect(artifactStoreConfigFromEnv(S3_ENV, 'unused')).toEqual({
      kind: 's3',
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'socklab',
      region: 'us-east-1',
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: S3_ENV.S3_SECRET_ACCESS_KEY,
    });
    expect(
      artifactStoreConfigFromEnv({ ...S3_ENV, S3_SESSION_TOKEN: 'tok', S3_KEY_PREFIX: 'artifacts/' }, 'unused'),
    ).toMatchObject({ sessionToken: 'tok', keyPrefix: 'artifacts/' });
  });

  it('names every missing S3 variable, and no secret', () => {
    const { S3_BUCKET: _b, S3_SECRET_ACCESS_KEY: _s, ...partial } = S3_ENV;
    expect(() => artifactStoreConfigFromEnv({ ...partial, S3_REGION: '  ' }, 'x')).toThrow(
      new ArtifactStoreConfigError('ARTIFACT_STORE=s3 needs S3_BUCKET, S3_REGION, S3_SECRET_ACCESS_KEY; set them.'),
    );
    const { S3_ENDPOINT: _e, ...noEndpoint } = S3_ENV;
    expect(() => artifactStoreConfigFromEnv(noEndpoint, 'x')).toThrow(/needs S3_ENDPOINT; set it\.$/);
  });

  it('refuses an unknown store kind and an endpoint that is not an http(s) URL', () => {
    expect(() => artifactStoreConfigFromEnv({ ARTIFACT_STORE: 'gcs' }, 'x')).toThrow(
      'ARTIFACT_STORE must be "fs" or "s3", not "gcs".',
    );
    for (const endpoint of ['127.0.0.1:9000', 'ftp://host', 'http://'])
      expect(() => artifactStoreConfigFromEnv({ ...S3_ENV, S3_ENDPOINT: endpoint }, 'x')).toThrow(/^S3_ENDPOINT must be/);
  });

  it('builds the store the configuration names', async () => {
    expect(createArtifactStore(artifactStoreConfigFromEnv(S3_ENV, 'x'))).toBeInstanceOf(S3ArtifactStore);
    const dir = await mkdtemp(path.join(tmpdir(), 'store-config-'));
    try {
      const store = createArtifactStore(artifactStoreConfigFromEnv({}, dir));
      expect(store).toBeInstanceOf(FilesystemArtifactStore);
      await store.put('tenants/t/runs/r/report.json', Buffer.from('{}'));
      expect((await store.stat('tenants/t/runs/r/report.json')).size).toBe(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
