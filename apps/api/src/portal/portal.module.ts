import { DynamicModule, Inject, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { API_CONFIG, type ApiConfig } from '../config/env';
import { resolvePortalDir } from './portal-dir';
import { servePortal } from './portal-static';

/**
 * Registers the portal's static files once the API's routes are in place (Nest calls
 * onModuleInit after registering routes and before its 404 handler), so API routes win
 * and unknown API paths still get the API's error envelope.
 */
@Injectable()
class PortalStaticFiles implements OnModuleInit {
  private readonly logger = new Logger('Portal');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  onModuleInit(): void {
    const dir = resolvePortalDir(this.config.portalDir);
    if (!dir) {
      this.logger.log('No portal build found (npx nx build portal): serving the API only.');
      return;
    }
    servePortal(this.adapterHost.httpAdapter.getInstance<Express>(), dir);
    this.logger.log(`Serving the portal from ${dir}`);
  }
}

@Module({})
export class PortalModule {
  static forRoot(): DynamicModule {
    return { module: PortalModule, providers: [PortalStaticFiles] };
  }
}
