/**
 * Congestion control: RFC 5681 slow start, congestion avoidance, fast retransmit / fast
 * recovery, with the RFC 6928 initial window and RFC 3465 byte counting (L = 1 SMSS).
 * Only when `config.congestionControl` is 'reno'; with 'none' the stack sends at the
 * peer's window, as it did before (scripted peers that must flood on cue use that).
 *
 * The sender may have at most min(cwnd, rwnd) octets in flight (RFC 5681 §3.1).
 */
import type { Connection } from './connection';
import { seqDiff } from './seq';

/** RFC 6928 §2: IW = min(10·MSS, max(2·MSS, 14600)). */
export function initialWindow(smss: number): number {
  return Math.min(10 * smss, Math.max(2 * smss, 14600));
}

function enabled(conn: Connection): boolean {
  return conn.config.congestionControl === 'reno';
}

/** Octets sent and not yet acknowledged. */
function flightSize(conn: Connection): number {
  return seqDiff(conn.sndNxt, conn.sndUna);
}

/**
 * How much the sender may have in flight: the peer's window, and with congestion control
 * also cwnd.
 */
export function sendWindow(conn: Connection): number {
  return enabled(conn) ? Math.min(conn.cwnd, conn.sndWnd) : conn.sndWnd;
}

/**
 * Entering ESTABLISHED: cwnd = IW, or one segment when our SYN or SYN,ACK had to be
 * retransmitted (RFC 6928 §2, RFC 5681 §3.1). ssthresh starts "arbitrarily high"
 * (RFC 5681 §3.1): the largest window the peer can offer.
 */
export function startCongestionControl(conn: Connection): void {
  conn.cwnd = conn.synRetransmitted ? conn.sndMss : initialWindow(conn.sndMss);
  conn.ssthresh = Number.MAX_SAFE_INTEGER;
  conn.bytesAckedInAvoidance = 0;
}

/**
 * An ACK advanced SND.UNA by `acked` octets. In fast recovery it ends recovery: cwnd
 * deflates to ssthresh (RFC 5681 §3.2 step 6). Otherwise slow start grows cwnd by
 * min(acked, SMSS) (RFC 5681 eq. 2, RFC 3465 with L = 1), congestion avoidance by one
 * SMSS per cwnd of acknowledged octets (RFC 5681 §3.1, byte counting).
 */
export function onNewDataAcked(conn: Connection, acked: number): void {
  if (!enabled(conn) || acked <= 0) return;
  if (conn.inFastRecovery) {
    conn.inFastRecovery = false;
    conn.cwnd = conn.ssthresh;
    conn.bytesAckedInAvoidance = 0;
    return;
  }
  if (conn.cwnd < conn.ssthresh) {
    conn.cwnd += Math.min(acked, conn.sndMss);
    return;
  }
  conn.bytesAckedInAvoidance += acked;
  if (conn.bytesAckedInAvoidance >= conn.cwnd) {
    conn.bytesAckedInAvoidance -= conn.cwnd;
    conn.cwnd += conn.sndMss;
  }
}

/** RFC 5681 eq. 4: ssthresh = max(FlightSize / 2, 2·SMSS). */
function halveFlight(conn: Connection): number {
  return Math.max(Math.floor(flightSize(conn) / 2), 2 * conn.sndMss);
}

/**
 * The third duplicate ACK (RFC 5681 §3.2 steps 2-3): ssthresh from eq. 4, then the lost
 * segment is retransmitted (by the caller) and cwnd = ssthresh + 3·SMSS, inflated by the
 * three segments that have left the network.
 */
export function enterFastRecovery(conn: Connection): void {
  if (!enabled(conn) || conn.inFastRecovery) return;
  conn.ssthresh = halveFlight(conn);
  conn.cwnd = conn.ssthresh + 3 * conn.sndMss;
  conn.inFastRecovery = true;
}

/** Each further duplicate ACK in fast recovery: one more segment has left (§3.2 step 4). */
export function inflateForDuplicateAck(conn: Connection): void {
  if (enabled(conn) && conn.inFastRecovery) conn.cwnd += conn.sndMss;
}

/**
 * Retransmission timeout (RFC 5681 §3.1, eq. 4 and the loss window): on the first timeout
 * of a segment ssthresh = max(FlightSize / 2, 2·SMSS); cwnd = LW = one segment.
 */
export function onRetransmissionTimeout(conn: Connection, firstTimeout: boolean): void {
  if (!enabled(conn)) return;
  if (firstTimeout) conn.ssthresh = halveFlight(conn);
  conn.cwnd = conn.sndMss;
  conn.inFastRecovery = false;
  conn.bytesAckedInAvoidance = 0;
}

/**
 * Restart after idle (RFC 5681 §4.1): when nothing was sent for longer than one RTO,
 * cwnd shrinks to the restart window min(IW, cwnd) before sending again.
 */
export function restartAfterIdle(conn: Connection, now: number): void {
  if (!enabled(conn) || conn.lastSendAt === null || flightSize(conn) > 0) return;
  if (now - conn.lastSendAt > conn.rtt.rto) conn.cwnd = Math.min(conn.cwnd, initialWindow(conn.sndMss));
}
