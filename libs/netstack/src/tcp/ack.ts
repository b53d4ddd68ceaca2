/**
 * The ACK field of an arriving segment in a synchronized state: RFC 9293 §3.10.7.4
 * "fifth, check the ACK field", with RFC 5961 §5 ACK validation, RFC 6298 RTT sampling
 * and timer restarts, and RFC 5681 §3.2 fast retransmit and fast recovery (the window
 * arithmetic is in congestion.ts).
 */
import type { TcpRepr } from '../wire/tcp-repr';
import type { Connection } from './connection';
import { enterFastRecovery, inflateForDuplicateAck, onNewDataAcked } from './congestion';
import { retransmitFirst } from './output';
import { seqAdd, seqDiff, seqGe, seqGt, seqLt } from './seq';

const DUPLICATE_ACK_THRESHOLD = 3;

/**
 * Processes SEG.ACK and the window it carries; `peerWindow` is the segment's window in
 * octets (scaled unless the segment is a SYN). Returns a drop reason or undefined.
 */
export function processAck(
  conn: Connection,
  now: number,
  seg: TcpRepr,
  peerWindow: number,
): string | undefined {
  const ack = seg.ack;
  if (seqGt(ack, conn.sndMax)) {
    conn.ackNow = true;
    return 'ACK of data never sent';
  }
  // RFC 5961 §5.2: acceptable only if SND.UNA - MAX.SND.WND <= SEG.ACK.
  if (seqLt(ack, seqAdd(conn.sndUna, -conn.maxSndWnd))) {
    conn.ackNow = true;
    return 'ACK too old (RFC 5961 §5.2)';
  }
  if (seqGt(ack, conn.sndUna)) acknowledge(conn, now, ack);
  else if (ack === conn.sndUna) countDuplicateAck(conn, now, seg, peerWindow);
  if (seqGe(ack, conn.sndUna)) updateSendWindow(conn, seg, peerWindow);
  finAckTransitions(conn, now);
  return undefined;
}

/** SND.UNA advances to `ack`: drop acknowledged data, sample the RTT, restart the timer. */
export function acknowledge(conn: Connection, now: number, ack: number): void {
  let acked = seqDiff(ack, conn.sndUna);
  if (!conn.synAcked) acked -= 1;
  const dataAcked = Math.min(acked, conn.sendBuffer.length);
  conn.sendBuffer.consume(dataAcked);
  conn.sndDataSeq = seqAdd(conn.sndDataSeq, dataAcked);
  conn.sndUna = ack;
  if (seqLt(conn.sndNxt, ack)) conn.sndNxt = ack;
  if (conn.rttTiming !== null && seqGe(ack, conn.rttTiming.seqEnd)) {
    conn.rtt.sample(now - conn.rttTiming.sentAt);
    conn.rttTiming = null;
  }
  conn.retransmits = 0;
  conn.duplicateAcks = 0;
  onNewDataAcked(conn, acked);
  // RFC 6298 §5.2 and §5.3.
  conn.retransmitAt = conn.sndUna === conn.sndNxt ? null : now + conn.rtt.rto;
  if (conn.recoverSeq !== null) {
    // After a timeout, an ACK below the old SND.NXT shows the next segment is missing too.
    if (seqLt(ack, conn.recoverSeq) && conn.sndUna !== conn.sndNxt) retransmitFirst(conn, now);
    else conn.recoverSeq = null;
  }
  if (dataAcked > 0) conn.emit('writable');
}

/** RFC 5681 §2 definition of a duplicate ACK; the third one triggers a fast retransmit. */
function countDuplicateAck(conn: Connection, now: number, seg: TcpRepr, peerWindow: number): void {
  const duplicate =
    seg.payload.length === 0 &&
    !seg.flags.syn &&
    !seg.flags.fin &&
    peerWindow === conn.sndWnd &&
    conn.sndUna !== conn.sndNxt;
  if (!duplicate) {
    conn.duplicateAcks = 0;
    return;
  }
  conn.duplicateAcks += 1;
  if (conn.duplicateAcks === DUPLICATE_ACK_THRESHOLD) {
    enterFastRecovery(conn);
    retransmitFirst(conn, now);
  } else if (conn.duplicateAcks > DUPLICATE_ACK_THRESHOLD) {
    inflateForDuplicateAck(conn);
  }
}

/** RFC 9293 §3.10.7.4: take the window only from a segment newer than the last update. */
function updateSendWindow(conn: Connection, seg: TcpRepr, peerWindow: number): void {
  const newer = seqLt(conn.sndWl1, seg.seq) || (conn.sndWl1 === seg.seq && seqGe(seg.ack, conn.sndWl2));
  if (!newer) return;
  const wasClosed = conn.sndWnd === 0;
  conn.sndWnd = peerWindow;
  conn.sndWl1 = seg.seq;
  conn.sndWl2 = seg.ack;
  conn.maxSndWnd = Math.max(conn.maxSndWnd, peerWindow);
  if (wasClosed && peerWindow > 0) {
    // The window opened: the persist backoff starts over next time (RFC 9293 §3.8.6.1).
    conn.persistAt = null;
    conn.persistInterval = null;
  }
}

function finAckTransitions(conn: Connection, now: number): void {
  if (!conn.finAcked) return;
  if (conn.state === 'FIN_WAIT_1') conn.transition(now, 'FIN_WAIT_2', 'rcv ACK of FIN');
  else if (conn.state === 'CLOSING') conn.transition(now, 'TIME_WAIT', 'rcv ACK of FIN');
  else if (conn.state === 'LAST_ACK') conn.transition(now, 'CLOSED', 'rcv ACK of FIN');
}
