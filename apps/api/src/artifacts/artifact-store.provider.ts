import type { Provider } from '@nestjs/common';
import { FilesystemArtifactStore, type ArtifactStore } from '@socklab/db';
import type { ApiConfig } from '../config/env';

/** Where the runners stored the artifacts: the same SOCKLAB_ARTIFACT_DIR as theirs. */
export const ARTIFACT_STORE = Symbol('ARTIFACT_STORE');

export function artifactStoreProvider(config: ApiConfig): Provider {
  return {
    provide: ARTIFACT_STORE,
    useFactory: (): ArtifactStore => new FilesystemArtifactStore(config.artifactDir),
  };
}
