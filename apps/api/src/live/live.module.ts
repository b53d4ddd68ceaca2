import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import type { ApiConfig } from '../config/env';
import { LiveAuthenticator } from './live-authenticator';
import { liveProviders } from './live-providers';
import { LiveGateway } from './live.gateway';

/** The socket.io gateway for live run events (protocol: live.gateway.ts); global so /metrics can read its counts. */
@Module({})
export class LiveModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: LiveModule,
      global: true,
      imports: [AuthModule],
      providers: [...liveProviders(config), LiveAuthenticator, LiveGateway],
      exports: [LiveGateway],
    };
  }
}
