/**
 * One TCP connection of a scripted peer, promise-based for exercise scripts. Reading is
 * eager: while not paused, arriving bytes are moved from the socket into the script's
 * buffer at once (the window stays open, as for an application blocked in recv()).
 * `pauseReading()` stops that, so the receive buffer fills and the window closes.
 */
import type { Driver } from '../clock/driver';
import { NetError } from '../iface/errors';
import type { Host } from '../iface/host';
import type { SendOptions, TcpSocket, TcpState } from '../tcp/api';
import { formatEndpoint } from '../wire/ip-types';
import { WaitSet } from './waiter';

const encoder = new TextEncoder();
const NEWLINE = 0x0a;

export class PeerConnection {
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  private eof = false;
  private resetReason: string | null = null;
  private paused = false;
  private writableEvents = 0;
  private readonly waits: WaitSet;

  constructor(
    readonly socket: TcpSocket,
    private readonly host: Host,
    private readonly driver: Driver,
  ) {
    this.waits = new WaitSet(driver);
    socket.on('data', () => this.pump());
    socket.on('eof', () => {
      this.pump();
      this.eof = true;
      this.waits.recheck();
    });
    socket.on('reset', (reason) => {
      this.resetReason = reason;
      this.waits.recheck();
    });
    socket.on('state', () => this.waits.recheck());
    socket.on('writable', () => {
      this.writableEvents += 1;
      this.waits.recheck();
    });
    this.pump();
    // A connection waiting in the accept queue may have had its data and FIN already: their
    // 'eof' fired before this wrapper listened (the kernel's recv() sees them all the same).
    this.eof = socket.peerClosed;
  }

  get state(): TcpState {
    return this.socket.state;
  }

  /** "10.0.0.2:80 ↔ 10.0.0.1:40000 (ESTABLISHED)": for messages. */
  describe(): string {
    return `${formatEndpoint(this.socket.local)} ↔ ${formatEndpoint(this.socket.remote)} (${this.socket.state})`;
  }

  /**
   * Queues all of `data`, waiting for send-buffer room when needed. Resolves once every
   * byte is queued (not acknowledged). `segmentation` cuts as in `TcpSocket.send`.
   */
  async send(data: Uint8Array | string, options: SendOptions & { timeoutMs?: number } = {}): Promise<void> {
    let rest = typeof data === 'string' ? encoder.encode(data) : data;
    let sizes = Array.isArray(options.segmentation) ? [...options.segmentation] : null;
    const timeoutMs = options.timeoutMs ?? 30_000;
    while (rest.length > 0) {
      const segmentation = sizes ?? options.segmentation;
      const taken = this.withTime((now) => this.socket.send(now, rest, { ...options, segmentation }));
      rest = rest.subarray(taken);
      if (sizes) sizes = dropSizes(sizes, taken);
      if (rest.length === 0) return;
      const before = this.writableEvents;
      await this.waits.waitFor(
        () => {
          if (this.failure() || this.socket.state === 'CLOSED') this.throwFailure();
          return this.writableEvents !== before ? true : undefined;
        },
        () => `send-buffer room for ${rest.length} more bytes on ${this.describe()}`,
        timeoutMs,
      );
    }
  }

  /** Resolves with exactly `n` bytes; rejects on EOF or reset before that many arrived. */
  readExactly(n: number, timeoutMs: number): Promise<Uint8Array> {
    return this.waits.waitFor(
      () => {
        if (this.buffered >= n) return this.take(n);
        if (this.eof)
          throw new NetError('peer/eof', `EOF after ${this.buffered} of ${n} bytes on ${this.describe()}`);
        return this.failure() ? this.throwFailure() : undefined;
      },
      () => `${n} bytes (have ${this.buffered}) on ${this.describe()}`,
      timeoutMs,
    );
  }

  /** Resolves with the next line, without its "\n" (a trailing "\r" is kept). */
  readLine(timeoutMs: number): Promise<string> {
    return this.waits.waitFor(
      () => {
        const at = this.indexOfNewline();
        if (at >= 0) return new TextDecoder().decode(this.take(at + 1).subarray(0, at));
        if (this.eof)
          throw new NetError(
            'peer/eof',
            `EOF before a newline (${this.buffered} bytes) on ${this.describe()}`,
          );
        return this.failure() ? this.throwFailure() : undefined;
      },
      () => `a line (have ${this.buffered} bytes, no newline) on ${this.describe()}`,
      timeoutMs,
    );
  }

  /** Resolves with everything up to the peer's FIN. */
  readToEof(timeoutMs: number): Promise<Uint8Array> {
    return this.waits.waitFor(
      () => (this.eof ? this.take(this.buffered) : this.failure() ? this.throwFailure() : undefined),
      () => `EOF (have ${this.buffered} bytes) on ${this.describe()}`,
      timeoutMs,
    );
  }

  waitForState(state: TcpState, timeoutMs: number): Promise<TcpState> {
    return this.waits.waitFor(
      () => (this.socket.state === state ? state : undefined),
      () => `state ${state} on ${this.describe()}`,
      timeoutMs,
    );
  }

  /** Bytes received and held for the script (not counting what a paused socket holds). */
  get available(): number {
    return this.buffered;
  }

  get peerClosed(): boolean {
    return this.eof;
  }

  shutdownWrite(): void {
    this.withTime((now) => this.socket.shutdownWrite(now));
  }

  /**
   * close(), as Linux's tcp_close() does it: bytes that arrived but the script never read
   * make it reset the connection at once (RFC 9293 §3.10.4, RFC 2525 §2.17); otherwise a
   * FIN follows the queued data. Reading is eager, so the script's buffer is this
   * connection's receive queue: its unread bytes count as well as the socket's.
   */
  close(): void {
    this.withTime((now) => (this.buffered > 0 ? this.socket.abort(now) : this.socket.close(now)));
  }

  /** Sends RST now and forgets the connection. */
  abort(): void {
    this.withTime((now) => this.socket.abort(now));
  }

  /** Stop reading: the receive buffer fills and the advertised window shrinks to zero. */
  pauseReading(): void {
    this.paused = true;
    this.socket.pauseReading();
  }

  resumeReading(): void {
    this.paused = false;
    this.withTime((now) => this.socket.resumeReading(now));
    this.pump();
  }

  private pump(): void {
    if (this.paused) return;
    if (this.socket.readableBytes > 0) {
      const data = this.withTime((now) => this.socket.read(now));
      if (data.length > 0) {
        this.chunks.push(data);
        this.buffered += data.length;
      }
    }
    this.waits.recheck();
  }

  private take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    let filled = 0;
    while (filled < n) {
      const chunk = this.chunks[0];
      const piece = Math.min(chunk.length, n - filled);
      out.set(chunk.subarray(0, piece), filled);
      filled += piece;
      if (piece === chunk.length) this.chunks.shift();
      else this.chunks[0] = chunk.subarray(piece);
    }
    this.buffered -= n;
    return out;
  }

  private indexOfNewline(): number {
    let offset = 0;
    for (const chunk of this.chunks) {
      const at = chunk.indexOf(NEWLINE);
      if (at >= 0) return offset + at;
      offset += chunk.length;
    }
    return -1;
  }

  private failure(): boolean {
    return this.resetReason !== null;
  }

  private throwFailure(): never {
    if (this.resetReason !== null) {
      throw new NetError('peer/reset', `connection reset (${this.resetReason}) on ${this.describe()}`);
    }
    throw new NetError('peer/closed', `connection closed on ${this.describe()}`);
  }

  private withTime<T>(action: (now: number) => T): T {
    const now = this.driver.now();
    this.host.noteTime(now);
    try {
      return action(now);
    } finally {
      this.driver.kick();
    }
  }
}

/** The explicit sizes left after the first `taken` bytes were queued as whole segments. */
function dropSizes(sizes: number[], taken: number): number[] {
  let i = 0;
  while (taken > 0 && i < sizes.length) taken -= sizes[i++];
  return sizes.slice(i);
}
