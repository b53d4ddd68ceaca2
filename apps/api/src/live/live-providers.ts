import { Inject, Injectable, OnApplicationShutdown, type Provider } from '@nestjs/common';
import { RunEventFanout } from '@socklab/db';
import Redis from 'ioredis';
import type { ApiConfig } from '../config/env';

/** The Redis connection the live side issues its commands on (history reads, unblocking). */
export const RUN_EVENTS_REDIS = Symbol('RUN_EVENTS_REDIS');
/** The API's RunEventFanout: a fixed pair of Redis connections serves every live subscription. */
export const RUN_EVENT_FANOUT = Symbol('RUN_EVENT_FANOUT');

@Injectable()
class LiveConnectionsLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(RUN_EVENT_FANOUT) private readonly fanout: RunEventFanout,
    @Inject(RUN_EVENTS_REDIS) private readonly redis: Redis,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.fanout.close();
    this.redis.disconnect();
  }
}

export function liveProviders(config: ApiConfig): Provider[] {
  return [
    {
      provide: RUN_EVENTS_REDIS,
      useFactory: () => {
        const redis = new Redis(config.redisUrl);
        // Errors surface on the commands that fail; ioredis reconnects on its own.
        redis.on('error', () => undefined);
        return redis;
      },
    },
    {
      provide: RUN_EVENT_FANOUT,
      inject: [RUN_EVENTS_REDIS],
      useFactory: (redis: Redis) => new RunEventFanout(redis, { prefix: config.live.eventsPrefix }),
    },
    LiveConnectionsLifecycle,
  ];
}
