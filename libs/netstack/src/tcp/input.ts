/**
 * SEGMENT ARRIVES for an existing connection (RFC 9293 §3.10.7.3–§3.10.7.4), with the
 * RFC 5961 defences: RST and SYN in a synchronized state are answered with a challenge
 * ACK unless the RST sits exactly at RCV.NXT.
 *
 * Each function returns the reason an arriving segment was discarded, or undefined when
 * it was used. After processing, `transmit` sends whatever became possible or due.
 */
import { segmentLength, type TcpRepr } from '../wire/tcp-repr';
import type { Connection } from './connection';
import { processAck } from './ack';
import { completeHandshake, synSentArrives } from './handshake';
import { sendReset, sendSyn, transmit } from './output';
import { seqAdd, seqDiff, seqInWindow } from './seq';

export function segmentArrives(conn: Connection, now: number, seg: TcpRepr): string | undefined {
  const dropped =
    conn.state === 'SYN_SENT' ? synSentArrives(conn, now, seg) : synchronizedArrives(conn, now, seg);
  transmit(conn, now);
  return dropped;
}

/** §3.10.7.4 first step: the acceptability table. */
export function isAcceptable(conn: Connection, seq: number, length: number): boolean {
  const window = conn.rcvWnd;
  if (length === 0) return window === 0 ? seq === conn.rcvNxt : seqInWindow(seq, conn.rcvNxt, window);
  if (window === 0) return false;
  return seqInWindow(seq, conn.rcvNxt, window) || seqInWindow(seqAdd(seq, length - 1), conn.rcvNxt, window);
}

function synchronizedArrives(conn: Connection, now: number, original: TcpRepr): string | undefined {
  // The window of a SYN is never scaled (RFC 7323 §2.2), even when we strip the SYN below.
  const peerWindow = original.flags.syn ? original.window : original.window * 2 ** conn.sndScale;
  const seg = stripRepeatedSyn(conn, original);
  if (!isAcceptable(conn, seg.seq, segmentLength(seg))) return unacceptable(conn, now, seg);
  noteActivity(conn, now);
  if (seg.flags.rst) return resetArrives(conn, now, seg);
  if (seg.flags.syn) {
    if (conn.state === 'SYN_RECEIVED' && conn.listener !== null) {
      conn.transition(now, 'LISTEN', 'rcv SYN'); // §3.10.7.4 fourth step, passive open
      return undefined;
    }
    conn.ackNow = true;
    return 'SYN in synchronized state (challenge ACK, RFC 5961 §4)';
  }
  if (!seg.flags.ack) return 'no ACK';
  if (conn.state === 'SYN_RECEIVED') {
    const dropped = completeHandshake(conn, now, seg);
    if (dropped !== undefined) return dropped;
  }
  const dropped = processAck(conn, now, seg, peerWindow);
  if (dropped !== undefined || conn.released) return dropped;
  receiveText(conn, now, seg);
  return undefined;
}

/**
 * In SYN-RECEIVED after a simultaneous open, the peer's SYN,ACK repeats the SYN we already
 * hold (SEQ = IRS). Its SYN octet is a duplicate: trim it, as the acceptability rules trim
 * any old octet, so the ACK it carries completes the handshake (RFC 9293 Figure 8, line 6).
 */
function stripRepeatedSyn(conn: Connection, seg: TcpRepr): TcpRepr {
  if (conn.state !== 'SYN_RECEIVED' || !seg.flags.syn || !seg.flags.ack || seg.seq !== conn.irs) return seg;
  return { ...seg, seq: seqAdd(seg.seq, 1), flags: { ...seg.flags, syn: false } };
}

function unacceptable(conn: Connection, now: number, seg: TcpRepr): string {
  if (seg.flags.rst) return 'RST outside the receive window';
  if (conn.state === 'TIME_WAIT' && seg.flags.fin && seqAdd(seg.seq, segmentLength(seg)) === conn.rcvNxt) {
    // The peer did not get our last ACK: ACK its FIN again and restart 2MSL (§3.10.7.4 eighth step).
    conn.timeWaitAt = now + conn.config.timeWait;
    conn.ackNow = true;
    return 'retransmitted FIN in TIME-WAIT (re-ACKed, 2MSL restarted)';
  }
  if (conn.state === 'SYN_RECEIVED' && seg.flags.syn && !seg.flags.ack && seg.seq === conn.irs) {
    sendSyn(conn, now); // our SYN,ACK was lost: repeat it now rather than at the next timeout
    return 'retransmitted SYN (SYN,ACK repeated)';
  }
  conn.ackNow = true;
  return 'unacceptable segment (ACK sent)';
}

/** Any acceptable segment shows the peer is alive (RFC 9293 §3.8.4). */
function noteActivity(conn: Connection, now: number): void {
  conn.keepaliveProbesSent = 0;
  const keepalive = conn.config.keepalive;
  if (keepalive !== null && (conn.state === 'ESTABLISHED' || conn.state === 'CLOSE_WAIT')) {
    conn.keepaliveAt = now + keepalive.idle;
  }
}

/** §3.10.7.4 second step with RFC 5961 §3.2. */
function resetArrives(conn: Connection, now: number, seg: TcpRepr): string | undefined {
  if (seg.seq !== conn.rcvNxt) {
    conn.ackNow = true;
    return 'RST not at RCV.NXT (challenge ACK, RFC 5961 §3.2)';
  }
  if (conn.state === 'SYN_RECEIVED' && conn.listener !== null) conn.transition(now, 'LISTEN', 'rcv RST');
  else if (conn.state === 'TIME_WAIT') conn.transition(now, 'CLOSED', 'rcv RST');
  else conn.terminate(now, 'rcv RST', 'rst-received');
  return undefined;
}

/**
 * Seventh and eighth steps: segment text and FIN. Duplicate octets are trimmed, octets
 * beyond the window are discarded by the receive buffer; out-of-order octets are kept for
 * reassembly and acknowledged at once (a duplicate ACK, RFC 5681 §4.2), as is data that
 * fills a hole. A FIN is taken when every octet before it fit in the window (like Linux;
 * the strict table would drop a FIN just past a full window); it takes effect once all
 * data before it has arrived.
 */
function receiveText(conn: Connection, now: number, seg: TcpRepr): void {
  const receiving =
    conn.state === 'ESTABLISHED' || conn.state === 'FIN_WAIT_1' || conn.state === 'FIN_WAIT_2';
  if (!receiving || conn.peerClosed) return;
  const buffer = conn.recvBuffer;
  const offset = seqDiff(seg.seq, conn.rcvNxt);
  const start = buffer.end + offset;
  let data = seg.payload;
  if (conn.peerFinPosition !== null) data = data.subarray(0, Math.max(0, conn.peerFinPosition - start));
  const newOctets = start + data.length > buffer.end;
  if (data.length > 0 && newOctets) {
    if (conn.userClosed) {
      // Linux (tcp_rcv_state_process): nobody will read this, so tell the peer at once.
      sendReset(conn, now);
      conn.terminate(now, 'rcv data after close()', 'aborted');
      return;
    }
    const fillsHole = offset <= 0 && buffer.hasOutOfOrder;
    const advanced = buffer.write(start, data);
    conn.rcvNxt = seqAdd(conn.rcvNxt, advanced);
    conn.rcvMssEstimate = Math.max(conn.rcvMssEstimate, Math.min(seg.payload.length, conn.config.mss));
    if (offset > 0 || fillsHole) conn.ackNow = true;
    else scheduleAck(conn, now, seg.payload.length);
    if (advanced > 0 && !conn.readingPaused) conn.emit('data');
  } else if (data.length > 0) {
    conn.ackNow = true; // entirely duplicate: the peer missed our ACK
  }
  if (seg.flags.fin && conn.peerFinPosition === null) {
    const finPosition = start + seg.payload.length;
    if (finPosition <= buffer.end + buffer.free) conn.peerFinPosition = finPosition;
  }
  deliverFinIfReady(conn, now);
}

/** RFC 9293 §3.8.6.3: delay the ACK, but acknowledge at least every second full-sized segment. */
function scheduleAck(conn: Connection, now: number, length: number): void {
  if (length >= conn.rcvMssEstimate) conn.fullSegmentsUnacked += 1;
  if (conn.config.delayedAck === 0 || conn.fullSegmentsUnacked >= 2) conn.ackNow = true;
  else conn.delayedAckAt ??= now + conn.config.delayedAck;
}

/** Eighth step: the FIN takes effect once RCV.NXT reaches it. */
function deliverFinIfReady(conn: Connection, now: number): void {
  if (conn.peerClosed || conn.peerFinPosition === null || conn.recvBuffer.end !== conn.peerFinPosition)
    return;
  conn.peerClosed = true;
  conn.rcvNxt = seqAdd(conn.rcvNxt, 1);
  acknowledgeFin(conn, now);
  conn.emit('eof');
  if (conn.state === 'ESTABLISHED') conn.transition(now, 'CLOSE_WAIT', 'rcv FIN');
  else if (conn.state === 'FIN_WAIT_1') conn.transition(now, 'CLOSING', 'rcv FIN');
  else if (conn.state === 'FIN_WAIT_2') conn.transition(now, 'TIME_WAIT', 'rcv FIN');
}

/**
 * The ACK of the peer's FIN (§3.10.7.4 eighth step says only that the FIN is acknowledged).
 * In ESTABLISHED it is an ordinary delayed ACK (RFC 9293 §3.8.6.3, RFC 1122 §4.2.3.2: an
 * ACK may wait, under 0.5 s), as Linux's tcp_fin() only schedules it and enters pingpong
 * mode: a user who calls close() on end-of-stream within the delay sends its FIN with the
 * ACK in one segment — the three-way close FIN, FIN+ACK, ACK. In FIN-WAIT-1 and FIN-WAIT-2
 * our FIN has gone already and nothing would carry the ACK, so it leaves at once (Linux:
 * tcp_send_ack() in those states). Data that fills a hole before the FIN has set `ackNow`
 * already (RFC 5681 §4.2), and that ACK goes at once with the FIN acknowledged in it.
 */
function acknowledgeFin(conn: Connection, now: number): void {
  if (conn.state === 'ESTABLISHED' && conn.config.delayedAck > 0)
    conn.delayedAckAt ??= now + conn.config.delayedAck;
  else conn.ackNow = true;
}
