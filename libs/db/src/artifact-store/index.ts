export {
  ArtifactStoreError,
  isArtifactStoreError,
  assertValidArtifactKey,
  type ArtifactStore,
  type ArtifactSource,
  type ArtifactStoreErrorCode,
  type StoredArtifact,
  type ByteRange,
} from './artifact-store';
export { FilesystemArtifactStore } from './filesystem-artifact-store';
export { S3ArtifactStore, type S3ArtifactStoreOptions } from './s3-artifact-store';
export { signV4, type SigV4Credentials, type SigV4Request, type SigV4Scope } from './sigv4';
export {
  artifactStoreConfigFromEnv,
  createArtifactStore,
  ArtifactStoreConfigError,
  type ArtifactStoreConfig,
} from './artifact-store-config';
