/**
 * A named UDP socket of a scripted peer (`udpBind: {as: u1}`): the datagrams it received,
 * in arrival order, for `udpReceive` to take one by one; with an `answer` it replies to each
 * at once, from its own port to the sender (as a UDP echo or request/response server does).
 */
import type { Endpoint, ScriptedPeer, UdpMessage, UdpSocket } from '@socklab/netstack';
import { formatEndpoint } from '@socklab/netstack';

export type UdpAnswer = 'echo' | { data: string };

export class UdpSocketRecord {
  private readonly arrived: UdpMessage[] = [];
  private taken = 0;

  constructor(
    private readonly socket: UdpSocket,
    private readonly peer: ScriptedPeer,
    answer: UdpAnswer | undefined,
    onArrival: () => void,
  ) {
    socket.onMessage((message) => {
      this.arrived.push(message);
      if (answer !== undefined) {
        this.sendTo(message.from, answer === 'echo' ? message.data : Buffer.from(answer.data, 'utf8'));
      }
      queueMicrotask(onArrival);
    });
  }

  /** The oldest datagram no udpReceive has taken yet, taken now; undefined when there is none. */
  takeNext(): UdpMessage | undefined {
    const next = this.arrived[this.taken];
    if (next !== undefined) this.taken += 1;
    return next;
  }

  /** Who sent the latest datagram (a reply without `to` goes there). */
  get lastSender(): Endpoint | undefined {
    return this.arrived.at(-1)?.from;
  }

  sendTo(to: Endpoint, data: Uint8Array): void {
    this.socket.sendTo(this.peer.driver.now(), to, data);
    // Sending may have queued the datagram behind an ARP request, whose retries are timers.
    this.peer.driver.kick();
  }

  close(): void {
    this.socket.close();
  }

  /** "10.0.0.2:7 (2 datagrams received)": for messages. */
  describe(): string {
    return `${formatEndpoint(this.socket.local)} (${this.arrived.length} datagram${this.arrived.length === 1 ? '' : 's'} received)`;
  }
}
