import type { LabEvent, UnsequencedLabEvent } from '@socklab/contracts';
import type { Redis } from 'ioredis';

import {
  RUN_EVENTS_MAX_LEN,
  RUN_EVENTS_TTL_SECONDS,
  runEventsKey,
  seqOfStreamId,
  streamIdOfSeq,
} from './keys';

export interface RunEventStreamOptions {
  /** Key prefix of the deployment, e.g. "socklab:". */
  readonly prefix: string;
  readonly maxLen?: number;
  readonly ttlSeconds?: number;
}

/**
 * Appends a run's LabEvents to its Redis stream (XADD … MAXLEN ~ cap, then EXPIRE).
 *
 * Sequence numbers are per run and gapless. An event without `seq` gets the next one from
 * Redis itself (`XADD key 0-*`), so a retried attempt on another runner continues where
 * the stream stopped. An event carrying `seq` is stored under exactly that seq; Redis
 * refuses a seq not greater than the last one ('ERR … equal or smaller'), which makes
 * re-publishing an event a detectable error instead of a silent duplicate.
 */
export class RunEventPublisher {
  private readonly maxLen: number;
  private readonly ttlSeconds: number;

  constructor(
    private readonly redis: Redis,
    private readonly options: RunEventStreamOptions,
  ) {
    this.maxLen = options.maxLen ?? RUN_EVENTS_MAX_LEN;
    this.ttlSeconds = options.ttlSeconds ?? RUN_EVENTS_TTL_SECONDS;
  }

  /** Publishes one event and returns it with its seq. */
  async publish(runId: string, event: LabEvent | UnsequencedLabEvent): Promise<LabEvent> {
    const key = runEventsKey(this.options.prefix, runId);
    const { seq, ...body } = event as UnsequencedLabEvent & { seq?: number };
    const id = seq === undefined ? '0-*' : streamIdOfSeq(seq);
    const results = await this.redis
      .multi()
      .xadd(key, 'MAXLEN', '~', this.maxLen, id, 'event', JSON.stringify(body))
      .expire(key, this.ttlSeconds)
      .exec();
    if (!results) throw new Error(`Publishing to ${key} was aborted.`);
    const [addError, addedId] = results[0] ?? [];
    if (addError) throw addError;
    return { ...body, seq: seqOfStreamId(String(addedId)) } as LabEvent;
  }

  /** Removes a run's stream (e.g. when the run is deleted). */
  async delete(runId: string): Promise<void> {
    await this.redis.del(runEventsKey(this.options.prefix, runId));
  }
}
