import type { LabEvent } from '@socklab/contracts';
import type { Redis } from 'ioredis';

import { decodeRunEventEntry } from './entry-codec';
import { runEventsKey, streamIdOfSeq } from './keys';

export interface RunEventReaderOptions {
  /** Key prefix of the deployment, e.g. "socklab:". */
  readonly prefix: string;
  /** Longest single XREAD BLOCK, ms. Between blocks `isFinished` is asked. Default 5000. */
  readonly blockMs?: number;
  /** Entries fetched per XREAD. Default 200. */
  readonly batchSize?: number;
  /** Pause before resuming after a Redis error (connection lost), ms. Default 500. */
  readonly retryDelayMs?: number;
}

export interface ReadRunEventsOptions {
  /** First seq wanted (inclusive); 0 replays the whole retained history. */
  readonly fromSeq?: number;
  /** Ends the iteration (without error) when aborted. */
  readonly signal?: AbortSignal;
  /**
   * Asked whenever a block times out with no new event: true when the run reached a
   * terminal status (done/failed/cancelled) and no `result` event is coming, e.g. a run
   * cancelled before any runner took it. Typically backed by RunRepo.get.
   */
  readonly isFinished?: () => Promise<boolean>;
}

/**
 * Reads a run's event stream: first the retained history from `fromSeq`, then live
 * events as they are appended (XREAD BLOCK on a dedicated connection, duplicated from
 * the given client because a blocking read monopolises its connection). Iteration ends
 * after the `result` event, when `isFinished` says so, or when `signal` aborts.
 *
 * Redis errors (connection lost, failover) are retried: the reader resumes from the seq
 * after the last event it yielded, so the consumer sees every retained event once and in
 * order. Events trimmed away by MAXLEN before being read are skipped; the consumer sees
 * the jump in `seq`.
 */
export class RunEventReader {
  constructor(
    private readonly redis: Redis,
    private readonly options: RunEventReaderOptions,
  ) {}

  async *read(runId: string, options: ReadRunEventsOptions = {}): AsyncGenerator<LabEvent, void, undefined> {
    const key = runEventsKey(this.options.prefix, runId);
    const { signal } = options;
    // XREAD returns entries with ids strictly greater than this one.
    let lastId = (options.fromSeq ?? 0) === 0 ? '0-0' : streamIdOfSeq((options.fromSeq ?? 0) - 1);
    const connection = this.redis.duplicate();
    const onAbort = () => connection.disconnect();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      while (!signal?.aborted) {
        let reply: [string, [string, string[]][]][] | null;
        try {
          reply = (await connection.xread(
            'COUNT',
            this.options.batchSize ?? 200,
            'BLOCK',
            this.options.blockMs ?? 5_000,
            'STREAMS',
            key,
            lastId,
          )) as [string, [string, string[]][]][] | null;
        } catch {
          // Connection lost or command refused mid-failover: resume from lastId. ioredis
          // reconnects on its own; a connection it gave up on is reopened here.
          if (signal?.aborted) return;
          await delay(this.options.retryDelayMs ?? 500, signal);
          if (connection.status === 'end') await connection.connect().catch(() => undefined);
          continue;
        }
        const entries = reply?.[0]?.[1] ?? [];
        if (entries.length === 0) {
          if (options.isFinished && (await options.isFinished())) return;
          continue;
        }
        for (const [id, fields] of entries) {
          lastId = id;
          const event = decodeRunEventEntry(id, fields);
          yield event;
          if (event.type === 'result') return;
        }
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      connection.disconnect();
    }
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}
