import { DynamicModule, Module } from '@nestjs/common';
import type { ApiConfig } from '../config/env';
import { artifactStoreProvider } from './artifact-store.provider';
import { ArtifactsController } from './artifacts.controller';
import { ArtifactsService } from './artifacts.service';

/** Run artifacts for API clients: stored files and the views derived from trace.json. */
@Module({})
export class ArtifactsModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ArtifactsModule,
      controllers: [ArtifactsController],
      providers: [artifactStoreProvider(config), ArtifactsService],
    };
  }
}
