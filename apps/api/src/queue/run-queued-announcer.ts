import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { RunEventPublisher } from '@socklab/db';
import Redis from 'ioredis';
import { API_CONFIG, ApiConfig } from '../config/env';

/** How long announcing may hold up a submission's 202 when Redis is slow or gone. */
const COMMAND_TIMEOUT_MS = 1_000;

/** Redis's refusal of a stream id not above the last one (XADD with an explicit id). */
const ID_TAKEN = /equal or smaller/i;

/**
 * Opens a new run's live event stream with `{ type: 'phase', phase: 'queued', t: 0 }`
 * stored at seq 0, so a watcher sees queued → building → running → grading → done.
 *
 * Contract: call it after the run is committed and before its outbox message is kicked
 * to the queue. The runner appends its events with Redis-assigned seqs (`XADD 0-*`), so
 * they follow the queued event gaplessly. If a runner got the job first (another API
 * instance's relay pass) and already opened the stream, Redis refuses seq 0 and nothing is
 * written: the stream never holds `queued` after `building`. Best effort: the run is
 * queued in PostgreSQL whatever happens here, so a Redis failure is logged, never thrown.
 */
@Injectable()
export class RunQueuedAnnouncer implements OnApplicationShutdown {
  private readonly logger = new Logger('RunQueuedAnnouncer');
  private readonly redis: Redis;
  private readonly publisher: RunEventPublisher;

  constructor(@Inject(API_CONFIG) config: ApiConfig) {
    this.redis = new Redis(config.redisUrl, { commandTimeout: COMMAND_TIMEOUT_MS, maxRetriesPerRequest: 1 });
    // Errors surface on the commands that fail; ioredis reconnects on its own.
    this.redis.on('error', () => undefined);
    this.publisher = new RunEventPublisher(this.redis, { prefix: config.live.eventsPrefix });
  }

  /** @returns true when the queued event is the stream's seq 0, false when it was not written. */
  async announce(runId: string): Promise<boolean> {
    try {
      await this.publisher.publish(runId, { seq: 0, t: 0, type: 'phase', phase: 'queued' });
      return true;
    } catch (error) {
      if (!ID_TAKEN.test(String(error)))
        this.logger.warn(`run ${runId}: the queued event could not be published: ${String(error)}`);
      return false;
    }
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
