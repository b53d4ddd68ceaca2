import type { Endpoint, FourTuple, Ipv4Addr } from '../wire/ip-types';
import type { TcpRepr } from '../wire/tcp-repr';
import type { SendOptions, TcpConfig, TcpSocket, TcpSocketEvents, TcpState, TcpTransition } from './api';
import { TcpError } from './errors';
import { maybeSendWindowUpdate, sendReset, transmit } from './output';
import { Tcb } from './tcb';

/** What a connection needs from the layer that owns it. */
export interface ConnectionHost {
  /** Runs a user call; events raised inside are delivered when the outermost call returns. */
  run<T>(body: () => T): T;
  /** Queues a callback (event delivery, segment output) for the end of the current call. */
  defer(callback: () => void): void;
  transmitSegment(now: number, src: Ipv4Addr, dst: Ipv4Addr, segment: TcpRepr): void;
  reportTransition(transition: TcpTransition): void;
  /** The connection left the demultiplexing table (CLOSED, or an embryo back to LISTEN). */
  release(conn: Connection): void;
}

/** The listener side of a passive open, as seen by its connections. */
export interface AcceptQueue {
  /** True when a completed handshake must wait (Linux drops the final ACK then). */
  isFull(): boolean;
  enqueue(conn: Connection): void;
  forget(conn: Connection): void;
}

type Handlers = { [E in keyof TcpSocketEvents]: Set<TcpSocketEvents[E]> };

/** States in which the user may still queue data (RFC 9293 §3.10.2). */
const WRITABLE_STATES: ReadonlySet<TcpState> = new Set([
  'SYN_SENT',
  'SYN_RECEIVED',
  'ESTABLISHED',
  'CLOSE_WAIT',
]);

/** States in which our RST means something to the peer (it holds a synchronized TCB). */
const RESET_WORTHY_STATES: ReadonlySet<TcpState> = new Set([
  'SYN_RECEIVED',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
]);

/**
 * One TCP connection: its control block, the socket API the user drives, and its events.
 * Protocol processing lives in handshake.ts, input.ts, ack.ts, output.ts and timers.ts.
 */
export class Connection extends Tcb implements TcpSocket {
  /** Why the connection ended abnormally, for the errors of later calls. */
  resetReason: 'rst-received' | 'timeout' | 'aborted' | null = null;
  /** True once the connection has left the layer's table; it can never come back. */
  released = false;
  private readonly handlers: Handlers = {
    state: new Set(),
    data: new Set(),
    eof: new Set(),
    reset: new Set(),
    writable: new Set(),
  };

  constructor(
    readonly id: number,
    config: Readonly<TcpConfig>,
    local: Endpoint,
    remote: Endpoint,
    readonly host: ConnectionHost,
    /** Set for connections created by a listener (passive open). */
    readonly listener: AcceptQueue | null,
  ) {
    super(config, local, remote);
  }

  get tuple(): FourTuple {
    return { local: { ...this.local }, remote: { ...this.remote } };
  }

  get readableBytes(): number {
    return this.recvBuffer.readable;
  }

  on<E extends keyof TcpSocketEvents>(event: E, listener: TcpSocketEvents[E]): void {
    this.handlers[event].add(listener);
  }

  off<E extends keyof TcpSocketEvents>(event: E, listener: TcpSocketEvents[E]): void {
    this.handlers[event].delete(listener);
  }

  emit<E extends keyof TcpSocketEvents>(event: E, ...args: Parameters<TcpSocketEvents[E]>): void {
    this.host.defer(() => {
      for (const handler of [...this.handlers[event]]) {
        (handler as (...a: Parameters<TcpSocketEvents[E]>) => void)(...args);
      }
    });
  }

  /**
   * Moves to `to`, reporting the transition to the layer's hook and the 'state' event.
   * Entering CLOSED (or LISTEN, for an embryo of a passive open) releases the connection;
   * entering TIME-WAIT stops every timer but the 2MSL one (RFC 9293 §3.6.1).
   */
  transition(now: number, to: TcpState, cause: string): void {
    const from = this.state;
    if (from === to) return;
    this.state = to;
    const transition: TcpTransition = { t: now, conn: this.tuple, from, to, cause };
    this.host.reportTransition(transition);
    this.emit('state', transition);
    if (to === 'CLOSED' || to === 'LISTEN') {
      this.clearTimers();
      if (!this.released) {
        this.released = true;
        this.host.release(this);
        this.listener?.forget(this);
      }
    } else if (to === 'TIME_WAIT') {
      this.clearTimers();
      this.timeWaitAt = now + this.config.timeWait;
    }
  }

  /** Ends the connection; `reason` (when given) is reported through the 'reset' event. */
  terminate(now: number, cause: string, reason: 'rst-received' | 'timeout' | 'aborted' | null): void {
    if (reason !== null) this.resetReason = reason;
    this.transition(now, 'CLOSED', cause);
    if (reason !== null) this.emit('reset', reason);
  }

  /** Sends RST when the peer holds a synchronized TCB, then ends the connection as aborted. */
  resetAndClose(now: number, cause: string): void {
    if (RESET_WORTHY_STATES.has(this.state)) sendReset(this, now);
    this.terminate(now, cause, 'aborted');
  }

  send(now: number, data: Uint8Array, options?: SendOptions): number {
    return this.host.run(() => {
      if (this.finQueued || this.pendingClose !== null) {
        throw new TcpError(
          'tcp/write-after-shutdown',
          `socket ${this.id}: cannot send after shutdownWrite()/close()`,
        );
      }
      if (!WRITABLE_STATES.has(this.state)) {
        throw this.resetReason !== null
          ? new TcpError(
              'tcp/connection-reset',
              `socket ${this.id}: connection was reset (${this.resetReason})`,
            )
          : new TcpError('tcp/not-connected', `socket ${this.id}: cannot send in state ${this.state}`);
      }
      const taken = this.sendBuffer.write(data, options);
      transmit(this, now);
      return taken;
    });
  }

  /** While reading is paused, `read` returns nothing and no 'data' events fire. */
  read(now: number, max?: number): Uint8Array {
    return this.host.run(() => {
      if (this.readingPaused || this.userClosed) return new Uint8Array(0);
      const data = this.recvBuffer.read(max);
      if (data.length > 0) maybeSendWindowUpdate(this, now);
      return data;
    });
  }

  pauseReading(): void {
    this.readingPaused = true;
  }

  resumeReading(now: number): void {
    this.host.run(() => {
      if (!this.readingPaused) return;
      this.readingPaused = false;
      if (this.recvBuffer.readable > 0) this.emit('data');
      maybeSendWindowUpdate(this, now);
    });
  }

  shutdownWrite(now: number): void {
    this.host.run(() => this.closeSending(now, 'shutdown'));
  }

  /** Linux's tcp_close(): unread data means RST at once (RFC 2525 §2.17), else a FIN. */
  close(now: number): void {
    this.host.run(() => {
      if (this.state === 'CLOSED' || this.state === 'LISTEN') return;
      if (this.recvBuffer.readable > 0 && RESET_WORTHY_STATES.has(this.state) && !this.userClosed) {
        this.userClosed = true;
        this.resetAndClose(now, 'close() with unread data');
        return;
      }
      this.userClosed = true;
      if (this.state === 'SYN_SENT') this.terminate(now, 'close()', null);
      else this.closeSending(now, 'close');
    });
  }

  abort(now: number): void {
    this.host.run(() => {
      if (this.state === 'CLOSED' || this.state === 'LISTEN') return;
      this.resetAndClose(now, 'abort()');
    });
  }

  /** Queues our FIN after the buffered data (RFC 9293 §3.10.4). */
  private closeSending(now: number, how: 'shutdown' | 'close'): void {
    const cause = how === 'close' ? 'close()' : 'shutdown(SHUT_WR)';
    switch (this.state) {
      case 'SYN_SENT':
      case 'SYN_RECEIVED':
        this.pendingClose = how === 'close' || this.pendingClose === 'close' ? 'close' : 'shutdown';
        return;
      case 'ESTABLISHED':
        this.finQueued = true;
        this.transition(now, 'FIN_WAIT_1', cause);
        break;
      case 'CLOSE_WAIT':
        this.finQueued = true;
        this.transition(now, 'LAST_ACK', cause);
        break;
      default:
        return;
    }
    transmit(this, now);
  }
}
