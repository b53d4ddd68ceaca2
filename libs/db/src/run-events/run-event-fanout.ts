import type { LabEvent } from '@socklab/contracts';
import type { Redis } from 'ioredis';

import { decodeRunEventEntry, type StreamEntry } from './entry-codec';
import { runEventsKey, streamIdOfSeq } from './keys';

export interface RunEventFanoutOptions {
  /** Key prefix of the deployment, e.g. "socklab:". */
  readonly prefix: string;
  /** Longest single XREAD BLOCK, ms. Default 5000. */
  readonly blockMs?: number;
  /** Entries fetched per stream per XREAD, and per history page. Default 500. */
  readonly batchSize?: number;
  /** Pause before reading again after a Redis error (connection lost), ms. Default 500. */
  readonly retryDelayMs?: number;
  /** Told about an entry that is not a valid LabEvent; the entry is skipped. */
  readonly onInvalidEntry?: (runId: string, entryId: string, error: unknown) => void;
}

/** One watcher's view of a run: history from a seq, then live events. */
export interface RunEventWatch {
  /** Seq the next delivered event will have at least (last delivered + 1). */
  readonly nextSeq: number;
  /** Stops delivery at once; idempotent. */
  close(): void;
}

interface Watcher {
  nextSeq: number;
  /** Live events that arrived while the history was being read. */
  pending: LabEvent[] | null;
  closed: boolean;
  readonly onEvent: (event: LabEvent) => void;
}

interface Channel {
  readonly runId: string;
  readonly key: string;
  /** Id of the last entry the shared reader has taken from this stream; null until known. */
  lastId: string | null;
  readonly ready: Promise<void>;
  readonly watchers: Set<Watcher>;
}

/**
 * Live run events for many watchers over a fixed number of Redis connections, whatever
 * the number of watchers or runs: one blocking connection reads every watched stream
 * with a single multi-key XREAD, and history is read with plain XRANGE on the command
 * connection. (RunEventReader, by contrast, holds a connection per reader.)
 *
 * Contract of `watch(runId, fromSeq, onEvent)`: `onEvent` receives the run's retained
 * events with seq ≥ fromSeq, then every event appended later, in seq order, each once,
 * until the watch is closed. Seqs are gapless unless MAXLEN trimmed events before they
 * were read. How: the run's channel records the last entry id H the shared reader has
 * taken; the watcher joins the channel (receiving everything after H), then reads the
 * history up to the stream's end E ≥ H; the overlap is dropped by seq.
 *
 * A new channel must join the running XREAD: the reader is woken with CLIENT UNBLOCK
 * (its XREAD returns as if timed out) and re-issues the command with the new key.
 */
export class RunEventFanout {
  private readonly channels = new Map<string, Channel>();
  private readonly reader: Redis;
  private readonly blockMs: number;
  private readonly batchSize: number;
  private readerClientId: number | null = null;
  private loop: Promise<void> | null = null;
  private closed = false;
  /** The reader has sent an XREAD that may be blocking on the server. */
  private blocking = false;
  /** The channel set changed since the reader last built its XREAD. */
  private dirty = false;
  private unblocking = false;
  private wakeIdle: (() => void) | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly options: RunEventFanoutOptions,
  ) {
    this.reader = redis.duplicate();
    this.reader.on('error', () => undefined);
    this.blockMs = options.blockMs ?? 5_000;
    this.batchSize = options.batchSize ?? 500;
  }

  /** Runs with at least one open watch. */
  get watchedRuns(): number {
    return this.channels.size;
  }

  /**
   * Starts a watch. Resolves once every retained event with seq ≥ fromSeq has been
   * handed to `onEvent` (history); live events follow. Rejects (delivering nothing more)
   * when the history cannot be read.
   */
  async watch(runId: string, fromSeq: number, onEvent: (event: LabEvent) => void): Promise<RunEventWatch> {
    if (this.closed) throw new Error('RunEventFanout is closed.');
    const channel = this.channelOf(runId);
    const watcher: Watcher = { nextSeq: Math.max(0, fromSeq), pending: [], closed: false, onEvent };
    const close = () => {
      if (watcher.closed) return;
      watcher.closed = true;
      channel.watchers.delete(watcher);
      if (channel.watchers.size === 0 && this.channels.get(runId) === channel) this.channels.delete(runId);
    };
    // Joined before the channel's position is known, so an idle channel is never dropped
    // while a watch is starting.
    channel.watchers.add(watcher);
    try {
      await channel.ready;
      await this.replay(channel, watcher);
    } catch (error) {
      close();
      throw error;
    }
    const pending = watcher.pending ?? [];
    watcher.pending = null;
    for (const event of pending) offer(watcher, event);
    return {
      get nextSeq() {
        return watcher.nextSeq;
      },
      close,
    };
  }

  /** Ends every watch and the reader connection. */
  async close(): Promise<void> {
    this.closed = true;
    for (const channel of this.channels.values())
      for (const watcher of channel.watchers) watcher.closed = true;
    this.channels.clear();
    this.wakeIdle?.();
    this.reader.disconnect();
    await this.loop;
  }

  private channelOf(runId: string): Channel {
    const existing = this.channels.get(runId);
    if (existing) return existing;
    const key = runEventsKey(this.options.prefix, runId);
    const channel: Channel = {
      runId,
      key,
      lastId: null,
      watchers: new Set(),
      ready: this.redis.xrevrange(key, '+', '-', 'COUNT', 1).then((last) => {
        channel.lastId = last[0]?.[0] ?? '0-0';
        this.wake();
      }),
    };
    // A failure is reported to the watch() that awaits `ready`; the channel is retried
    // by the next watch once this one is gone.
    channel.ready.catch(() => {
      if (this.channels.get(runId) === channel) this.channels.delete(runId);
    });
    this.channels.set(runId, channel);
    this.loop ??= this.readLoop();
    return channel;
  }

  /** Hands the watcher its history: entries from its nextSeq to the stream's current end. */
  private async replay(channel: Channel, watcher: Watcher): Promise<void> {
    let start = streamIdOfSeq(watcher.nextSeq);
    for (;;) {
      const page = (await this.redis.xrange(
        channel.key,
        start,
        '+',
        'COUNT',
        this.batchSize,
      )) as StreamEntry[];
      for (const [id, fields] of page) {
        const event = this.decode(channel.runId, id, fields);
        if (event && !watcher.closed) offer(watcher, event);
      }
      if (page.length < this.batchSize || watcher.closed) return;
      start = `(${page[page.length - 1][0]}`;
    }
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      const ready = [...this.channels.values()].filter((c) => c.lastId !== null);
      this.dirty = false;
      if (ready.length === 0) {
        await new Promise<void>((resolve) => {
          this.wakeIdle = resolve;
          if (this.dirty || this.closed) resolve();
        });
        this.wakeIdle = null;
        continue;
      }
      let reply: [string, StreamEntry[]][] | null;
      try {
        this.readerClientId ??= Number(await this.reader.client('ID'));
        this.blocking = true;
        reply = (await this.reader.xread(
          'COUNT',
          this.batchSize,
          'BLOCK',
          this.blockMs,
          'STREAMS',
          ...ready.map((c) => c.key),
          ...ready.map((c) => c.lastId as string),
        )) as [string, StreamEntry[]][] | null;
      } catch {
        // Connection lost (or closing): a reconnected reader has a new client id.
        this.readerClientId = null;
        if (this.closed) return;
        await sleep(this.options.retryDelayMs ?? 500);
        continue;
      } finally {
        this.blocking = false;
      }
      const byKey = new Map(ready.map((c) => [c.key, c]));
      for (const [key, entries] of reply ?? []) {
        const channel = byKey.get(key);
        if (!channel) continue;
        for (const [id, fields] of entries) {
          channel.lastId = id;
          const event = this.decode(channel.runId, id, fields);
          if (!event) continue;
          for (const watcher of channel.watchers) {
            if (watcher.pending) watcher.pending.push(event);
            else offer(watcher, event);
          }
        }
      }
    }
  }

  /** Makes the reader rebuild its XREAD now (a channel became ready). */
  private wake(): void {
    this.dirty = true;
    this.wakeIdle?.();
    if (this.blocking && !this.unblocking) void this.unblockReader();
  }

  /**
   * CLIENT UNBLOCK answers 0 when the reader's XREAD has not reached the server yet;
   * try again briefly until it has (or the reader rebuilt its command on its own).
   */
  private async unblockReader(): Promise<void> {
    this.unblocking = true;
    const deadline = Date.now() + this.blockMs;
    try {
      while (this.dirty && this.blocking && !this.closed && Date.now() < deadline) {
        const id = this.readerClientId;
        if (id !== null && Number(await this.redis.client('UNBLOCK', id)) === 1) return;
        await sleep(2);
      }
    } catch {
      // The reader's own block timeout picks the channel up.
    } finally {
      this.unblocking = false;
    }
  }

  private decode(runId: string, id: string, fields: string[]): LabEvent | null {
    try {
      return decodeRunEventEntry(id, fields);
    } catch (error) {
      this.options.onInvalidEntry?.(runId, id, error);
      return null;
    }
  }
}

/** Delivers an event unless the watcher has already had it (history and live overlap). */
function offer(watcher: Watcher, event: LabEvent): void {
  if (watcher.closed || event.seq < watcher.nextSeq) return;
  watcher.nextSeq = event.seq + 1;
  try {
    watcher.onEvent(event);
  } catch {
    // A failing consumer is its own business; other watchers and the reader carry on.
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
