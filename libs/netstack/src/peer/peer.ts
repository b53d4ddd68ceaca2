/**
 * The scripted-peer facade exercises use: a host with its TCP layer, driven by a clock
 * driver, with promise-based sockets and the host behaviours scenarios need (crash,
 * reboot, refuse or blackhole SYNs).
 */
import type { Driver } from '../clock/driver';
import { NetError } from '../iface/errors';
import type { Host } from '../iface/host';
import type { TcpSocket } from '../tcp/api';
import { formatEndpoint, type Endpoint } from '../wire/ip-types';
import { PeerConnection } from './connection';
import { PeerListener } from './listener';
import { WaitSet } from './waiter';

export class ScriptedPeer {
  private readonly waits: WaitSet;

  constructor(
    readonly host: Host,
    readonly driver: Driver,
  ) {
    this.waits = new WaitSet(driver);
  }

  listen(port: number, options: { backlog?: number } = {}): PeerListener {
    const listener = this.withTime((now) => this.host.tcp.listen(now, port, { backlog: options.backlog }));
    return new PeerListener(listener, this.host, this.driver);
  }

  /**
   * Active open. Resolves once ESTABLISHED; rejects with 'peer/reset' when refused (RST)
   * or 'peer/timeout' when no handshake completes within `timeoutMs` (the attempt is aborted).
   */
  async connect(
    remote: Endpoint | { host: Host; port: number },
    options: { timeoutMs?: number; localPort?: number } = {},
  ): Promise<PeerConnection> {
    const to: Endpoint = 'host' in remote ? { addr: remote.host.addr, port: remote.port } : remote;
    const socket = this.withTime((now) => this.host.tcp.connect(now, to, { localPort: options.localPort }));
    let reset: string | null = null;
    socket.on('reset', (reason) => {
      reset = reason;
      this.waits.recheck();
    });
    // A refused connection reports CLOSED before 'reset' within the same delivery pass:
    // look again once the pass is over, so the reason is known.
    socket.on('state', () => queueMicrotask(() => this.waits.recheck()));
    const connection = new PeerConnection(socket, this.host, this.driver);
    try {
      await this.waits.waitFor(
        () => {
          if (socket.state === 'ESTABLISHED' || socket.state === 'CLOSE_WAIT') return true;
          if (reset !== null || socket.state === 'CLOSED') {
            throw connectError(socket, to, reset);
          }
          return undefined;
        },
        () => `the handshake with ${formatEndpoint(to)} (state ${socket.state})`,
        options.timeoutMs ?? 10_000,
      );
    } catch (error) {
      if (socket.state !== 'CLOSED') this.withTime((now) => socket.abort(now));
      throw error;
    }
    return connection;
  }

  /** Silently drop everything: no FIN, no RST, no ARP replies. */
  crash(): void {
    this.host.crash();
  }

  /** Forget every connection; the next segment of an old connection is answered with RST. */
  reboot(): void {
    this.host.reboot();
    this.driver.kick();
  }

  /** Answer SYNs to `port` with RST (connection refused). */
  refuse(port: number | 'all'): void {
    this.host.setSynPolicy(port, 'refuse');
  }

  /** Ignore SYNs to `port` (the client's connect() times out). */
  blackhole(port: number | 'all'): void {
    this.host.setSynPolicy(port, 'drop');
  }

  /** Handle SYNs to `port` normally again. */
  acceptSyns(port: number | 'all'): void {
    this.host.setSynPolicy(port, 'accept');
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

function connectError(socket: TcpSocket, to: Endpoint, reset: string | null): NetError {
  const where = `connect to ${formatEndpoint(to)}`;
  if (reset === 'rst-received')
    return new NetError('peer/refused', `${where} refused: the SYN was answered with RST`);
  if (reset === 'timeout')
    return new NetError('peer/timeout', `${where} timed out: SYN retransmissions exhausted`);
  return new NetError('peer/closed', `${where} failed: socket ${reset ?? socket.state}`);
}
