/**
 * The RFC 9293 §3.3.2 state machine of ONE endpoint, driven only by segments seen at a capture
 * point between the endpoints: a segment the endpoint sent tells us what it did (SYN → connect,
 * FIN → close/shutdown, RST → abort); a segment it received is what it reacts to (§3.10.7).
 * Application calls are invisible, so states are entered when their evidence crosses the wire.
 *
 * Where RFC 9293 and Linux agree that one segment causes two transitions, both are recorded at
 * the same instant, e.g. FIN+ACK received in FIN-WAIT-1: FIN_WAIT_1 → FIN_WAIT_2 (ACK of our
 * FIN, §3.10.7.4) → TIME_WAIT (the FIN) — the kernel's tracepoint shows the same two steps.
 * TIME-WAIT's 2MSL expiry is not observable on the wire and is not inferred.
 */
import type { TcpState } from '../model/tcp-state';
import { seqDiff, sequenceLength, type SegmentSummary } from './segment-summary';

export interface InferredTransition {
  tNs: bigint;
  state: TcpState;
  cause: string;
}

/** RSTs further than this ahead of RCV.NXT are treated as stale (approximates §3.10.7.4 window check). */
const RST_ACCEPT_WINDOW = 1 << 30;

export class EndpointMachine {
  readonly path: InferredTransition[] = [];
  private iss: number | null = null;
  private finSeq: number | null = null;
  private rcvNxt: number | null = null;
  /** Sequence number of the peer's FIN once seen heading to us. */
  private peerFinSeq: number | null = null;

  constructor(initial: TcpState, tNs: bigint, cause: string) {
    this.path.push({ tNs, state: initial, cause });
  }

  get state(): TcpState {
    return this.path[this.path.length - 1].state;
  }

  private enter(tNs: bigint, state: TcpState, cause: string): void {
    if (state !== this.state) this.path.push({ tNs, state, cause });
  }

  private acksOurFin(s: SegmentSummary): boolean {
    return s.flags.ack && this.finSeq !== null && seqDiff(s.ack, this.finSeq + 1) >= 0;
  }

  /** A segment this endpoint transmitted. */
  sent(s: SegmentSummary): void {
    const t = s.tNs;
    if (s.flags.rst) {
      this.enter(t, 'CLOSED', 'snd RST (abort)');
      return;
    }
    if (s.flags.syn) {
      this.iss ??= s.seq;
      if (!s.flags.ack && (this.state === 'CLOSED' || this.state === 'LISTEN'))
        this.enter(t, 'SYN_SENT', 'snd SYN (connect)');
    }
    if (this.state === 'SYN_RECEIVED' && s.flags.ack && !s.flags.syn && this.rcvNxt !== null) {
      // Our ACK of the peer's SYN in a simultaneous open completes it (§3.5, Figure 7).
      this.enter(t, 'ESTABLISHED', 'snd ACK of SYN');
    }
    if (s.flags.fin) {
      const fin = (s.seq + s.len + (s.flags.syn ? 1 : 0)) >>> 0;
      if (this.finSeq === null || seqDiff(fin, this.finSeq) > 0) this.finSeq = fin;
      if (this.state === 'CLOSE_WAIT' && this.finCrossedPeerFin(s)) {
        // Our FIN does not acknowledge the peer's FIN we saw pass: we sent it before that FIN
        // arrived, so we were never in CLOSE-WAIT. Crossing FINs = simultaneous close (§3.6, Figure 13).
        this.path.pop();
        this.enter(t, 'FIN_WAIT_1', 'snd FIN (close)');
        this.enter(t, 'CLOSING', 'rcv FIN (simultaneous close)');
      } else if (this.state === 'ESTABLISHED' || this.state === 'SYN_RECEIVED') {
        this.enter(t, 'FIN_WAIT_1', 'snd FIN (close)');
      } else if (this.state === 'CLOSE_WAIT') this.enter(t, 'LAST_ACK', 'snd FIN (close)');
    }
  }

  /** A segment addressed to this endpoint. */
  received(s: SegmentSummary): void {
    const t = s.tNs;
    if (s.flags.rst) {
      if (this.acceptsRst(s)) this.enter(t, 'CLOSED', 'rcv RST');
      return;
    }
    if (s.flags.syn) {
      const peerIss = s.seq;
      this.rcvNxt = (peerIss + sequenceLength(s)) >>> 0;
      if (!s.flags.ack) {
        if (this.state === 'LISTEN' || this.state === 'CLOSED') this.enter(t, 'SYN_RECEIVED', 'rcv SYN');
        else if (this.state === 'SYN_SENT') this.enter(t, 'SYN_RECEIVED', 'rcv SYN (simultaneous open)');
        return;
      }
      if (this.state === 'SYN_SENT' && this.iss !== null && seqDiff(s.ack, this.iss + 1) === 0) {
        this.enter(t, 'ESTABLISHED', 'rcv SYN,ACK');
      }
      if (!s.flags.fin) return;
    } else if (this.rcvNxt !== null && seqDiff((s.seq + sequenceLength(s)) >>> 0, this.rcvNxt) > 0) {
      this.rcvNxt = (s.seq + sequenceLength(s)) >>> 0;
    }

    if (s.flags.ack) {
      if (this.state === 'SYN_RECEIVED' && this.iss !== null && seqDiff(s.ack, this.iss + 1) >= 0) {
        this.enter(t, 'ESTABLISHED', 'rcv ACK of SYN');
      }
      if (this.acksOurFin(s)) {
        if (this.state === 'FIN_WAIT_1') this.enter(t, 'FIN_WAIT_2', 'rcv ACK of FIN');
        else if (this.state === 'CLOSING') this.enter(t, 'TIME_WAIT', 'rcv ACK of FIN');
        else if (this.state === 'LAST_ACK') this.enter(t, 'CLOSED', 'rcv ACK of FIN');
      }
    }
    if (s.flags.fin) {
      this.peerFinSeq = (s.seq + s.len + (s.flags.syn ? 1 : 0)) >>> 0;
      if (this.state === 'ESTABLISHED') this.enter(t, 'CLOSE_WAIT', 'rcv FIN');
      else if (this.state === 'FIN_WAIT_1') this.enter(t, 'CLOSING', 'rcv FIN (simultaneous close)');
      else if (this.state === 'FIN_WAIT_2') this.enter(t, 'TIME_WAIT', 'rcv FIN');
    }
  }

  private finCrossedPeerFin(s: SegmentSummary): boolean {
    const last = this.path[this.path.length - 1];
    return (
      last.cause === 'rcv FIN' &&
      this.peerFinSeq !== null &&
      (!s.flags.ack || seqDiff(s.ack, this.peerFinSeq + 1) < 0)
    );
  }

  private acceptsRst(s: SegmentSummary): boolean {
    if (this.state === 'SYN_SENT') {
      // §3.10.7.3: in SYN-SENT an RST is acceptable only if it acknowledges our SYN.
      return s.flags.ack && this.iss !== null && seqDiff(s.ack, this.iss + 1) === 0;
    }
    if (this.rcvNxt === null) return true;
    const ahead = seqDiff(s.seq, this.rcvNxt);
    return ahead >= 0 && ahead < RST_ACCEPT_WINDOW;
  }
}
