import type { Endpoint } from '../wire/ip-types';
import type { TcpConfig, TcpState } from './api';
import { RecvBuffer } from './recv-buffer';
import { RttEstimator } from './rtt';
import { SendBuffer } from './send-buffer';
import { seqAdd, seqDiff, seqGt } from './seq';

/** MSS assumed when the peer's SYN carries no MSS option (RFC 9293 §3.7.1). */
export const DEFAULT_PEER_MSS = 536;

/** Largest unscaled window field; also the window of every SYN (RFC 7323 §2.2). */
export const MAX_UNSCALED_WINDOW = 65535;

/**
 * The transmission control block (RFC 9293 §3.3.1): one connection's sequence spaces,
 * buffers and timers. Pure data plus derived quantities; the behaviour lives in
 * handshake.ts, input.ts, ack.ts, output.ts and timers.ts.
 *
 * Invariants (checked by the fuzz test):
 * - SND.UNA <= SND.NXT <= sndMax (modular);
 * - sndDataSeq is the sequence number of send-buffer offset 0: ISS+1 plus the data octets
 *   acknowledged so far;
 * - once synchronized, RCV.NXT = IRS + 1 + recvBuffer.end + (peerClosed ? 1 : 0).
 */
export class Tcb {
  state: TcpState = 'CLOSED';

  iss: number | null = null;
  irs: number | null = null;

  // Send sequence space (RFC 9293 §3.3.1, Figure 4).
  sndUna = 0;
  sndNxt = 0;
  /**
   * One past the highest sequence number ever sent (BSD's snd_max). Exceeds SND.NXT only
   * while a zero-window probe octet is outstanding; ACKs up to it are acceptable.
   */
  sndMax = 0;
  /** SND.WND in octets, already scaled. */
  sndWnd = 0;
  sndWl1 = 0;
  sndWl2 = 0;
  /** Largest window the peer ever offered (RFC 5961 §5.2 MAX.SND.WND). */
  maxSndWnd = 0;
  sndDataSeq = 0;
  /** Effective send MSS: min(our MSS, the peer's MSS option or 536). */
  sndMss = DEFAULT_PEER_MSS;
  /** Window shifts (RFC 7323 §2.3); both 0 unless both SYNs carried the option. */
  sndScale = 0;
  rcvScale = 0;
  /** The peer's window-scale option from its SYN, or null when absent. */
  peerWindowScale: number | null = null;

  // Receive sequence space.
  rcvNxt = 0;
  /** RCV.NXT + RCV.WND as last advertised; never moves left (RFC 9293 §3.8.6.2.2). */
  rcvAdvRight = 0;

  readonly sendBuffer: SendBuffer;
  readonly recvBuffer: RecvBuffer;
  readonly rtt: RttEstimator;

  /** A FIN follows the send buffer's data (shutdownWrite or close was called). */
  finQueued = false;
  /** Stream position of the peer's FIN once seen (possibly out of order). */
  peerFinPosition: number | null = null;
  peerClosed = false;
  /** close() was called: no more reading; new data from the peer is answered with RST. */
  userClosed = false;
  /** shutdownWrite/close requested before the connection was established. */
  pendingClose: 'shutdown' | 'close' | null = null;
  readingPaused = false;

  // Timers: absolute deadlines on the caller's clock, or null when not armed.
  retransmitAt: number | null = null;
  persistAt: number | null = null;
  delayedAckAt: number | null = null;
  keepaliveAt: number | null = null;
  timeWaitAt: number | null = null;

  /** Retransmissions of the segment at SND.UNA since it was last advanced. */
  retransmits = 0;
  persistInterval: number | null = null;
  keepaliveProbesSent = 0;
  /** The one segment being timed for an RTT sample (RFC 6298 §3, Karn's rule). */
  rttTiming: { seqEnd: number; sentAt: number } | null = null;
  /** After a timeout, SND.NXT at that time: partial ACKs below it trigger the next retransmission. */
  recoverSeq: number | null = null;
  duplicateAcks = 0;

  // Congestion control (congestion.ts; RFC 5681), used when config.congestionControl is 'reno'.
  /** Congestion window in octets; set on entering ESTABLISHED. */
  cwnd = 0;
  ssthresh = Number.MAX_SAFE_INTEGER;
  /** Octets acknowledged in congestion avoidance since cwnd last grew (byte counting). */
  bytesAckedInAvoidance = 0;
  inFastRecovery = false;
  /** Our SYN or SYN,ACK was retransmitted: the initial window is one segment. */
  synRetransmitted = false;
  /** When data was last sent, for the restart after idle (RFC 5681 §4.1). */
  lastSendAt: number | null = null;

  /** An ACK must go out with the next transmission, without delay. */
  ackNow = false;
  fullSegmentsUnacked = 0;
  /** Largest segment the peer has sent us, to tell full-sized segments (§3.8.6.3). */
  rcvMssEstimate = DEFAULT_PEER_MSS;

  constructor(
    readonly config: Readonly<TcpConfig>,
    readonly local: Endpoint,
    readonly remote: Endpoint,
  ) {
    this.sendBuffer = new SendBuffer(config.sendBufferSize);
    this.recvBuffer = new RecvBuffer(config.receiveBufferSize);
    this.rtt = new RttEstimator(config);
  }

  get synAcked(): boolean {
    return this.iss !== null && seqGt(this.sndUna, this.iss);
  }

  /** Sequence number of our FIN; meaningful when `finQueued`. */
  get finSeq(): number {
    return seqAdd(this.sndDataSeq, this.sendBuffer.length);
  }

  get finSent(): boolean {
    return this.finQueued && seqGt(this.sndNxt, this.finSeq);
  }

  get finAcked(): boolean {
    return this.finQueued && seqGt(this.sndUna, this.finSeq);
  }

  /** Buffered octets not yet sent. */
  get unsentBytes(): number {
    return Math.max(0, this.sendBuffer.length - seqDiff(this.sndNxt, this.sndDataSeq));
  }

  /** RCV.WND: what remains of the window we last advertised. */
  get rcvWnd(): number {
    return Math.max(0, seqDiff(this.rcvAdvRight, this.rcvNxt));
  }

  clearTimers(): void {
    this.retransmitAt = null;
    this.persistAt = null;
    this.delayedAckAt = null;
    this.keepaliveAt = null;
    this.timeWaitAt = null;
  }

  /** The earliest armed timer, or null. */
  nextDeadline(): number | null {
    let next: number | null = null;
    for (const at of [
      this.retransmitAt,
      this.persistAt,
      this.delayedAckAt,
      this.keepaliveAt,
      this.timeWaitAt,
    ]) {
      if (at !== null && (next === null || at < next)) next = at;
    }
    return next;
  }
}
