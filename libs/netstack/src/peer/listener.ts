/** A scripted peer's listening socket: `accept` waits for the next completed handshake. */
import type { Driver } from '../clock/driver';
import type { Host } from '../iface/host';
import type { TcpListener } from '../tcp/api';
import { PeerConnection } from './connection';
import { WaitSet } from './waiter';

export class PeerListener {
  private readonly waits: WaitSet;

  constructor(
    readonly listener: TcpListener,
    private readonly host: Host,
    private readonly driver: Driver,
  ) {
    this.waits = new WaitSet(driver);
    listener.onConnection(() => this.waits.recheck());
  }

  get port(): number {
    return this.listener.port;
  }

  /** Resolves with the oldest connection in the accept queue, waiting up to `timeoutMs`. */
  accept(timeoutMs: number): Promise<PeerConnection> {
    return this.waits.waitFor(
      () => {
        const socket = this.listener.accept();
        return socket ? new PeerConnection(socket, this.host, this.driver) : undefined;
      },
      () => `a connection on port ${this.port} (accept queue empty)`,
      timeoutMs,
    );
  }

  close(): void {
    const now = this.driver.now();
    this.host.noteTime(now);
    this.listener.close(now);
    this.driver.kick();
  }
}
