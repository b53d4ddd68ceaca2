import Redis from 'ioredis';
import { DependencyProbe, withTimeout } from './dependency-probe';

/** Ready when Redis answers PING. */
export class RedisProbe implements DependencyProbe {
  readonly name = 'redis';
  private readonly client: Redis;

  constructor(redisUrl: string) {
    this.client = new Redis(redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    this.client.on('error', () => undefined);
  }

  async check(): Promise<void> {
    if (this.client.status === 'wait' || this.client.status === 'end') await this.client.connect();
    const answer = await withTimeout(this.client.ping(), 2000, 'Redis');
    if (answer !== 'PONG') throw new Error(`Redis answered ${JSON.stringify(answer)} to PING`);
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
