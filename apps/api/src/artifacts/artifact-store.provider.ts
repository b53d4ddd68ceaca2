import type { Provider } from '@nestjs/common';
import { artifactStoreConfigFromEnv, createArtifactStore, type ArtifactStore } from '@socklab/db';
import type { ApiConfig } from '../config/env';

/**
 * Where the runners stored the artifacts: the same store as theirs (ARTIFACT_STORE and
 * S3_*, or SOCKLAB_ARTIFACT_DIR for fs). A bad configuration fails the API's start-up.
 */
export const ARTIFACT_STORE = Symbol('ARTIFACT_STORE');

export function artifactStoreProvider(config: ApiConfig): Provider {
  return {
    provide: ARTIFACT_STORE,
    useFactory: (): ArtifactStore =>
      createArtifactStore(artifactStoreConfigFromEnv(process.env, config.artifactDir)),
  };
}
