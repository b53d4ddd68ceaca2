import { close, fsync, open, write, writeSync } from 'node:fs';
import { CaptureError } from '../errors';

export interface SinkOptions {
  /** Bytes coalesced before a write is issued. Default 64 KiB. */
  readonly chunkSize?: number;
  /** Above this many buffered bytes `append` returns false: callers should await `drained()`. Default 1 MiB. */
  readonly highWaterMark?: number;
  /**
   * Hard bound on buffered bytes. A producer that ignores backpressure past it has the backlog
   * written synchronously, so memory stays bounded whatever the caller does: at most this
   * plus the open chunk (or one oversized block). Default 4 MiB.
   */
  readonly maxBufferedBytes?: number;
}

export interface SinkStats {
  /** Bytes handed to `append` so far (the file's size once everything is flushed). */
  readonly bytesAppended: number;
  /** Bytes confirmed written by the operating system. */
  readonly bytesWritten: number;
  /** Bytes held in memory now: the open chunk, queued chunks and the write in flight. */
  readonly bufferedBytes: number;
  readonly peakBufferedBytes: number;
  readonly writeCalls: number;
  /** Times the hard bound forced a synchronous write. */
  readonly synchronousFlushes: number;
}

interface SealedChunk {
  readonly bytes: Buffer;
  /** File position the chunk belongs at; writes are positional, so completion order is irrelevant. */
  readonly position: number;
  /** The full-size buffer to return to the pool, when `bytes` is a pooled chunk. */
  readonly pooled: Buffer | undefined;
}

const POOL_LIMIT = 4;

/**
 * An append-only file written through fixed-size chunks. Producers encode straight into the open
 * chunk (`append`); full chunks are queued and written one at a time with positional fs.write.
 * Memory is bounded by `maxBufferedBytes` plus one chunk; finished chunks are recycled.
 */
export class ChunkedFileSink {
  private readonly chunkSize: number;
  private readonly highWaterMark: number;
  private readonly maxBufferedBytes: number;
  private current: Buffer | undefined;
  private used = 0;
  private readonly queue: SealedChunk[] = [];
  private readonly pool: Buffer[] = [];
  private inFlight: SealedChunk | undefined;
  private sealedBytes = 0;
  private queuedBytes = 0;
  private failure: CaptureError | undefined;
  private drainWaiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  private closed = false;
  private counters = { bytesWritten: 0, peakBufferedBytes: 0, writeCalls: 0, synchronousFlushes: 0 };

  private constructor(
    private readonly fd: number,
    private readonly path: string,
    options: SinkOptions,
  ) {
    this.chunkSize = options.chunkSize ?? 64 * 1024;
    // The open chunk only drains when it fills, so a mark below one chunk could never be reached.
    this.highWaterMark = Math.max(options.highWaterMark ?? 1024 * 1024, this.chunkSize);
    this.maxBufferedBytes = Math.max(options.maxBufferedBytes ?? 4 * 1024 * 1024, this.highWaterMark);
  }

  /** Creates (or truncates) `path`. */
  static open(path: string, options: SinkOptions = {}): Promise<ChunkedFileSink> {
    return new Promise((resolve, reject) => {
      open(path, 'w', (error, fd) => {
        if (error) reject(ioError(`cannot create capture file ${path}`, error));
        else resolve(new ChunkedFileSink(fd, path, options));
      });
    });
  }

  get stats(): SinkStats {
    return {
      ...this.counters,
      bytesAppended: this.sealedBytes + this.used,
      bufferedBytes: this.bufferedBytes,
    };
  }

  private get bufferedBytes(): number {
    return this.queuedBytes + (this.inFlight?.bytes.length ?? 0) + this.used;
  }

  /**
   * Reserves `length` bytes and lets `encode` fill them at (buf, offset); `encode` must write
   * exactly `length` bytes. Returns false when buffered bytes exceed the high-water mark.
   */
  append(length: number, encode: (buf: Buffer, offset: number) => void): boolean {
    this.assertWritable();
    if (length > this.chunkSize - this.used) this.seal();
    if (length > this.chunkSize) {
      const own = Buffer.allocUnsafe(length);
      encode(own, 0);
      this.enqueue(own, undefined);
    } else {
      this.current ??= this.pool.pop() ?? Buffer.allocUnsafe(this.chunkSize);
      encode(this.current, this.used);
      this.used += length;
      if (this.used === this.chunkSize) this.seal();
    }
    this.notePeak();
    return this.bufferedBytes < this.highWaterMark;
  }

  /** Resolves once buffered bytes are below the high-water mark; rejects if a write failed. */
  drained(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.bufferedBytes < this.highWaterMark) return Promise.resolve();
    return new Promise((resolve, reject) => this.drainWaiters.push({ resolve, reject }));
  }

  /** Writes everything, fsyncs and closes the file. Resolves when the data is durable. */
  async close(): Promise<void> {
    if (this.closed)
      throw new CaptureError('capture/writer-closed', `capture file ${this.path} is already closed`);
    this.seal();
    this.closed = true;
    try {
      while (this.queue.length > 0 || this.inFlight !== undefined) {
        await new Promise<void>((resolve, reject) => this.drainWaiters.push({ resolve, reject }));
      }
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve, reject) =>
        fsync(this.fd, (error) => (error ? reject(ioError(`cannot fsync ${this.path}`, error)) : resolve())),
      );
    } finally {
      await new Promise<void>((resolve) => close(this.fd, () => resolve()));
    }
  }

  private assertWritable(): void {
    if (this.failure) throw this.failure;
    if (this.closed)
      throw new CaptureError('capture/writer-closed', `capture file ${this.path} is closed; no more writes`);
  }

  private seal(): void {
    if (this.current === undefined || this.used === 0) return;
    const chunk = this.current;
    const length = this.used;
    this.current = undefined;
    this.used = 0;
    this.enqueue(chunk.subarray(0, length), chunk);
  }

  private enqueue(bytes: Buffer, pooled: Buffer | undefined): void {
    // Sealed bytes (queued + in flight) never exceed maxBufferedBytes: the backlog goes out first.
    const inFlight = this.inFlight?.bytes.length ?? 0;
    if (this.queue.length > 0 && this.queuedBytes + inFlight + bytes.length > this.maxBufferedBytes) {
      this.flushQueueSynchronously();
    }
    this.queue.push({ bytes, position: this.sealedBytes, pooled });
    this.sealedBytes += bytes.length;
    this.queuedBytes += bytes.length;
    this.notePeak();
    this.pump();
  }

  private pump(): void {
    if (this.inFlight !== undefined || this.failure) return;
    const chunk = this.queue.shift();
    if (chunk === undefined) return;
    this.queuedBytes -= chunk.bytes.length;
    this.inFlight = chunk;
    this.counters.writeCalls++;
    writeFully(this.fd, chunk.bytes, chunk.position, (error) => {
      this.inFlight = undefined;
      if (error) this.fail(ioError(`cannot write capture file ${this.path}`, error));
      else this.finished(chunk);
      this.pump();
      this.wakeWaiters();
    });
  }

  /** The backlog past the hard bound goes out now; the write in flight covers other positions. */
  private flushQueueSynchronously(): void {
    this.counters.synchronousFlushes++;
    for (const chunk of this.queue.splice(0)) {
      this.queuedBytes -= chunk.bytes.length;
      this.counters.writeCalls++;
      try {
        let done = 0;
        while (done < chunk.bytes.length) {
          done += writeSync(this.fd, chunk.bytes, done, chunk.bytes.length - done, chunk.position + done);
        }
      } catch (error) {
        this.fail(ioError(`cannot write capture file ${this.path}`, error as Error));
        throw this.failure;
      }
      this.finished(chunk);
    }
  }

  private finished(chunk: SealedChunk): void {
    this.counters.bytesWritten += chunk.bytes.length;
    if (chunk.pooled !== undefined && this.pool.length < POOL_LIMIT) this.pool.push(chunk.pooled);
  }

  private fail(error: CaptureError): void {
    this.failure ??= error;
    this.queue.length = 0;
    this.queuedBytes = 0;
  }

  private wakeWaiters(): void {
    const settled = this.failure !== undefined || this.bufferedBytes < this.highWaterMark || this.closed;
    if (!settled) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const waiter of waiters) {
      if (this.failure) waiter.reject(this.failure);
      else waiter.resolve();
    }
  }

  private notePeak(): void {
    const buffered = this.bufferedBytes;
    if (buffered > this.counters.peakBufferedBytes) this.counters.peakBufferedBytes = buffered;
  }
}

/** fs.write may write fewer bytes than asked; keep going until the chunk is on disk. */
function writeFully(fd: number, bytes: Buffer, position: number, done: (error: Error | null) => void): void {
  write(fd, bytes, 0, bytes.length, position, (error, written) => {
    if (error) done(error);
    else if (written < bytes.length) writeFully(fd, bytes.subarray(written), position + written, done);
    else done(null);
  });
}

function ioError(what: string, cause: Error): CaptureError {
  return new CaptureError('capture/io', `${what}: ${cause.message}`, undefined, { cause });
}
