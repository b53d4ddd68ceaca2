/**
 * UDP sockets (RFC 768) with the BSD/Linux semantics learners meet: an unconnected
 * socket receives from anyone and ignores ICMP errors; a connected socket receives only
 * from its peer and is told when the peer's port is unreachable (the ECONNREFUSED a
 * later recv() returns on Linux).
 */
import type { Endpoint } from '../wire/ip-types';
import { NetError } from './errors';

export interface UdpMessage {
  t: number;
  from: Endpoint;
  to: Endpoint;
  /** A copy: the socket owns it. */
  data: Uint8Array;
}

export interface UdpErrorEvent {
  t: number;
  /** 'port-unreachable' is ICMP type 3 code 3; other unreachable codes are 'unreachable'. */
  code: 'port-unreachable' | 'unreachable';
  icmpCode: number;
  /** The endpoint the failed datagram was sent to. */
  remote: Endpoint;
}

/** What a socket needs from its host. */
export interface UdpTransport {
  sendUdp(now: number, local: Endpoint, remote: Endpoint, data: Uint8Array): void;
  maxUdpPayload(): number;
  release(socket: UdpSocket): void;
}

export class UdpSocket {
  private peer: Endpoint | null = null;
  private closed = false;
  private readonly messageListeners: Array<(message: UdpMessage) => void> = [];
  private readonly errorListeners: Array<(error: UdpErrorEvent) => void> = [];

  constructor(
    private readonly transport: UdpTransport,
    readonly local: Endpoint,
  ) {}

  get remote(): Endpoint | null {
    return this.peer;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  connect(remote: Endpoint): void {
    this.peer = { addr: remote.addr, port: remote.port };
  }

  disconnect(): void {
    this.peer = null;
  }

  sendTo(now: number, to: Endpoint, data: Uint8Array | string): void {
    if (this.closed) throw new NetError('udp/closed', `UDP socket on port ${this.local.port} is closed`);
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    const max = this.transport.maxUdpPayload();
    if (bytes.length > max) {
      throw new NetError(
        'udp/too-large',
        `${bytes.length}-byte datagram exceeds ${max} bytes (no fragmentation)`,
      );
    }
    this.transport.sendUdp(now, this.local, to, bytes);
  }

  send(now: number, data: Uint8Array | string): void {
    if (!this.peer) throw new NetError('udp/not-connected', 'send() needs connect() first; use sendTo()');
    this.sendTo(now, this.peer, data);
  }

  onMessage(listener: (message: UdpMessage) => void): void {
    this.messageListeners.push(listener);
  }

  onError(listener: (error: UdpErrorEvent) => void): void {
    this.errorListeners.push(listener);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.transport.release(this);
  }

  /** Host side: whether a datagram from `from` is for this socket. */
  accepts(from: Endpoint): boolean {
    return !this.peer || (this.peer.addr === from.addr && this.peer.port === from.port);
  }

  /** Host side: whether an ICMP error about a datagram sent to `remote` is reported here. */
  wantsErrorsFor(remote: Endpoint): boolean {
    return this.peer !== null && this.peer.addr === remote.addr && this.peer.port === remote.port;
  }

  deliver(message: UdpMessage): void {
    for (const listener of this.messageListeners) listener(message);
  }

  deliverError(error: UdpErrorEvent): void {
    for (const listener of this.errorListeners) listener(error);
  }
}
