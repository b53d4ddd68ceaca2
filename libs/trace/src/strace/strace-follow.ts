/**
 * Follows one strace output file while strace is still writing it. Each poll() reads what
 * was appended since the previous one and returns the calls completed meanwhile, in the order
 * strace printed them (the order they returned in). Only whole lines are parsed: strace
 * writes a call's first half when it enters and the rest when it returns. finish() reads to
 * the end, parses a last line left without its newline and closes calls never returned from,
 * so the calls a follower returns are exactly parseStrace(the whole file).syscalls.
 *
 * A file that does not exist yet reads as empty. Reads are asynchronous and a poll parses at
 * most `maxBytesPerPoll`, so a chatty program never holds up the event loop for long.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { StraceParser, type StraceParseOptions, type StraceSyscall } from './strace-parse';

export interface FollowedCall {
  call: StraceSyscall;
  /**
   * CLOCK_REALTIME ns when the call stopped: when it returned, or, for a call its process
   * never returned from, when the process ended; null when strace stopped before saying.
   */
  endedNs: bigint | null;
}

const NEWLINE = 0x0a;
const DEFAULT_MAX_BYTES_PER_POLL = 256 * 1024;

export class StraceFollower {
  private readonly parser: StraceParser;
  private handle: FileHandle | null = null;
  private offset = 0;
  /** Bytes after the last newline read so far: the start of a line strace has not finished. */
  private rest: Buffer = Buffer.alloc(0);
  /** parser.result.syscalls already returned. */
  private returned = 0;
  private finished = false;

  constructor(
    readonly path: string,
    options: StraceParseOptions = {},
    private readonly maxBytesPerPoll = DEFAULT_MAX_BYTES_PER_POLL,
  ) {
    this.parser = new StraceParser(options);
  }

  /** The calls completed by the whole lines appended since the last poll. */
  async poll(): Promise<FollowedCall[]> {
    if (this.finished) return [];
    const chunk = await this.read(this.maxBytesPerPoll);
    if (chunk.length > 0) this.parseLines(chunk, false);
    return this.take();
  }

  /** Reads and parses the rest of the file and ends the output; later polls return nothing. */
  async finish(): Promise<FollowedCall[]> {
    if (this.finished) return [];
    try {
      for (;;) {
        const chunk = await this.read(this.maxBytesPerPoll);
        if (chunk.length === 0) break;
        this.parseLines(chunk, false);
      }
      this.parseLines(Buffer.alloc(0), true);
      this.parser.end();
      return this.take();
    } finally {
      await this.close();
    }
  }

  /** Releases the file without parsing further (an abandoned scenario). Idempotent. */
  async close(): Promise<void> {
    this.finished = true;
    const handle = this.handle;
    this.handle = null;
    await handle?.close();
  }

  private async read(max: number): Promise<Buffer> {
    if (this.handle === null) {
      try {
        this.handle = await open(this.path, 'r');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
        throw error;
      }
    }
    const buffer = Buffer.allocUnsafe(max);
    const { bytesRead } = await this.handle.read(buffer, 0, max, this.offset);
    this.offset += bytesRead;
    return buffer.subarray(0, bytesRead);
  }

  /** Parses every complete line of rest + chunk; with `last`, also what follows the last newline. */
  private parseLines(chunk: Buffer, last: boolean): void {
    const bytes = this.rest.length === 0 ? chunk : Buffer.concat([this.rest, chunk]);
    const end = last ? bytes.length : bytes.lastIndexOf(NEWLINE) + 1;
    // A newline byte never occurs inside a UTF-8 sequence, so decoding whole lines is exact.
    if (end > 0) for (const line of bytes.toString('utf8', 0, end).split('\n')) this.parser.line(line);
    this.rest = Buffer.from(bytes.subarray(end));
  }

  private take(): FollowedCall[] {
    const { syscalls, exits } = this.parser.result;
    const fresh = syscalls.slice(this.returned);
    this.returned = syscalls.length;
    return fresh.map((call) => ({
      call,
      endedNs: call.tEndNs ?? exits.findLast((exit) => exit.pid === call.pid)?.tNs ?? null,
    }));
  }
}
