/**
 * A listening socket (RFC 9293 §3.10.7.2, LISTEN STATE) and its accept queue.
 *
 * Backlog follows Linux: the accept queue counts connections that completed the
 * handshake; it is full when it holds more than `backlog` (sk_acceptq_is_full()), so up to
 * backlog + 1 connections wait. While it is full, new SYNs are dropped and final ACKs of
 * handshakes are dropped (the peer retransmits; tcp_abort_on_overflow = 0).
 */
import type { Endpoint, Ipv4Addr } from '../wire/ip-types';
import type { TcpRepr } from '../wire/tcp-repr';
import type { TcpListener, TcpSocket } from './api';
import type { AcceptQueue, Connection } from './connection';

/** What a listener needs from its layer. */
export interface ListenerHost {
  defer(callback: () => void): void;
  /** Creates a connection in SYN-RECEIVED for `syn` and sends the SYN,ACK. */
  spawn(listener: Listener, now: number, local: Endpoint, remote: Endpoint, syn: TcpRepr): Connection;
  /** Sends a RST unrelated to any connection. */
  sendReset(now: number, src: Ipv4Addr, dst: Ipv4Addr, reset: TcpRepr): void;
  closeListener(listener: Listener, now: number): void;
}

export class Listener implements TcpListener, AcceptQueue {
  private readonly queue: Connection[] = [];
  /** Connections of this listener still in SYN-RECEIVED. */
  readonly embryos = new Set<Connection>();
  private readonly connectionCallbacks = new Set<() => void>();

  constructor(
    /** 0 listens on every local address. */
    readonly addr: Ipv4Addr,
    readonly port: number,
    readonly backlog: number,
    private readonly host: ListenerHost,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  /** Connections waiting in the accept queue, oldest first (for the layer's cleanup). */
  get queued(): readonly Connection[] {
    return this.queue;
  }

  isFull(): boolean {
    return this.queue.length > this.backlog;
  }

  enqueue(conn: Connection): void {
    this.embryos.delete(conn);
    this.queue.push(conn);
    this.host.defer(() => {
      for (const callback of [...this.connectionCallbacks]) callback();
    });
  }

  forget(conn: Connection): void {
    this.embryos.delete(conn);
  }

  accept(): TcpSocket | null {
    return this.queue.shift() ?? null;
  }

  onConnection(listener: () => void): void {
    this.connectionCallbacks.add(listener);
  }

  close(now: number): void {
    this.host.closeListener(this, now);
  }

  /** LISTEN state processing; returns a drop reason, or undefined when a SYN was accepted. */
  segmentArrives(now: number, src: Ipv4Addr, dst: Ipv4Addr, seg: TcpRepr): string | undefined {
    if (seg.flags.rst) return 'RST in LISTEN';
    if (seg.flags.ack) {
      // <SEQ=SEG.ACK><CTL=RST>
      this.host.sendReset(now, dst, src, resetSegment(seg, seg.ack, null));
      return 'ACK in LISTEN (RST sent)';
    }
    if (!seg.flags.syn) return 'no SYN in LISTEN';
    if (this.isFull()) return 'accept queue full';
    const conn = this.host.spawn(
      this,
      now,
      { addr: dst, port: seg.dstPort },
      { addr: src, port: seg.srcPort },
      seg,
    );
    if (conn.state === 'SYN_RECEIVED') this.embryos.add(conn);
    return undefined;
  }
}

/** A RST answering `seg` (ports swapped), with ACK set when `ack` is not null. */
export function resetSegment(seg: TcpRepr, seq: number, ack: number | null): TcpRepr {
  return {
    srcPort: seg.dstPort,
    dstPort: seg.srcPort,
    seq,
    ack: ack ?? 0,
    flags: {
      fin: false,
      syn: false,
      rst: true,
      psh: false,
      ack: ack !== null,
      urg: false,
      ece: false,
      cwr: false,
    },
    window: 0,
    urgentPointer: 0,
    options: {},
    payload: new Uint8Array(0),
  };
}
