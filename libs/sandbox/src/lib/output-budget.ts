import type { OutputChunk } from './types';

/**
 * Delivers at most `limitBytes` of combined stdout/stderr, in arrival order, to one async
 * reader; everything beyond is dropped and counted. The producer is never blocked, so a
 * program flooding its output keeps running until a limit (wall, CPU) ends it.
 * Memory use is bounded by the limit because delivered chunks are the only ones buffered.
 */
export class OutputBudget {
  private delivered = 0;
  private dropped = 0;
  private readonly pending: OutputChunk[] = [];
  private closed = false;
  private wake: (() => void) | null = null;

  constructor(private readonly limitBytes: number) {}

  get droppedBytes(): number {
    return this.dropped;
  }

  get truncated(): boolean {
    return this.dropped > 0;
  }

  push(stream: OutputChunk['stream'], data: Buffer): void {
    if (this.closed || data.length === 0) return;
    const room = this.limitBytes - this.delivered;
    const kept = Math.max(0, Math.min(room, data.length));
    this.dropped += data.length - kept;
    if (kept === 0) return;
    this.delivered += kept;
    this.pending.push({ stream, data: kept === data.length ? data : Buffer.from(data.subarray(0, kept)) });
    this.notify();
  }

  /** No more chunks will arrive; the reader ends after the buffered ones. */
  close(): void {
    this.closed = true;
    this.notify();
  }

  async *chunks(): AsyncGenerator<OutputChunk> {
    for (;;) {
      const next = this.pending.shift();
      if (next) {
        yield next;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
