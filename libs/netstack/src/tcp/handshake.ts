/**
 * Opening a connection: active open (CLOSED → SYN-SENT), passive open (a listener's SYN
 * → SYN-RECEIVED), the SYN-SENT arrival rules of RFC 9293 §3.10.7.3 including
 * simultaneous open (§3.5, Figure 8), and completion in SYN-RECEIVED.
 */
import type { TcpRepr } from '../wire/tcp-repr';
import type { Connection } from './connection';
import { startCongestionControl } from './congestion';
import { acknowledge } from './ack';
import { armSendTimers, emitSegment, sendSyn, synWindow } from './output';
import { seqAdd, seqGt, seqLe, seqMax } from './seq';
import { DEFAULT_PEER_MSS } from './tcb';

/** RFC 7323 §2.3: a shift above 14 is treated as 14. */
const MAX_WINDOW_SHIFT = 14;

function initSendSequence(conn: Connection, iss: number): void {
  conn.iss = iss;
  conn.sndUna = iss;
  conn.sndNxt = iss;
  conn.sndMax = iss;
  conn.sndDataSeq = seqAdd(iss, 1);
}

export function openActive(conn: Connection, now: number, iss: number): void {
  initSendSequence(conn, iss);
  conn.transition(now, 'SYN_SENT', 'connect()');
  sendSyn(conn, now);
  armSendTimers(conn, now);
}

/** A listener accepted `syn`: the new connection answers with SYN,ACK. */
export function openPassive(conn: Connection, now: number, iss: number, syn: TcpRepr): void {
  initSendSequence(conn, iss);
  conn.state = 'LISTEN';
  acceptPeerSyn(conn, syn);
  conn.transition(now, 'SYN_RECEIVED', 'rcv SYN');
  sendSyn(conn, now);
  armSendTimers(conn, now);
}

/**
 * Records what the peer's SYN tells us: IRS, its MSS (536 when absent, RFC 9293 §3.7.1),
 * window scaling (RFC 7323 §2: on only when both SYNs carry the option) and its window,
 * which in a SYN is never scaled. Data carried on the SYN is not accepted (the peer
 * retransmits it once the connection is established).
 */
function acceptPeerSyn(conn: Connection, syn: TcpRepr): void {
  conn.irs = syn.seq;
  conn.rcvNxt = seqAdd(syn.seq, 1);
  conn.rcvAdvRight = seqAdd(conn.rcvNxt, synWindow(conn));
  conn.sndMss = Math.max(1, Math.min(conn.config.mss, syn.options.mss ?? DEFAULT_PEER_MSS));
  conn.peerWindowScale = syn.options.windowScale ?? null;
  if (conn.config.windowScale !== null && conn.peerWindowScale !== null) {
    conn.sndScale = Math.min(conn.peerWindowScale, MAX_WINDOW_SHIFT);
    conn.rcvScale = conn.config.windowScale;
  }
  conn.sndWnd = syn.window;
  conn.maxSndWnd = Math.max(conn.maxSndWnd, syn.window);
  conn.sndWl1 = syn.seq;
  conn.sndWl2 = syn.flags.ack ? syn.ack : conn.sndUna;
}

/** RFC 9293 §3.10.7.3. Returns a drop reason or undefined. */
export function synSentArrives(conn: Connection, now: number, seg: TcpRepr): string | undefined {
  const { flags } = seg;
  const iss = conn.iss ?? 0;
  if (flags.ack && (seqLe(seg.ack, iss) || seqGt(seg.ack, conn.sndMax))) {
    if (flags.rst) return 'unacceptable ACK in SYN-SENT';
    emitSegment(conn, now, seg.ack, { rst: true });
    return 'unacceptable ACK in SYN-SENT (RST sent)';
  }
  if (flags.rst) {
    if (!flags.ack) return 'RST without ACK in SYN-SENT';
    conn.terminate(now, 'rcv RST', 'rst-received'); // "connection refused"
    return undefined;
  }
  if (!flags.syn) return 'neither SYN nor RST in SYN-SENT';
  acceptPeerSyn(conn, seg);
  if (flags.ack) {
    acknowledge(conn, now, seg.ack);
    conn.transition(now, 'ESTABLISHED', 'rcv SYN,ACK');
    onEstablished(conn, now);
    conn.ackNow = true;
  } else {
    // Simultaneous open: answer with SYN,ACK carrying our original ISS.
    conn.transition(now, 'SYN_RECEIVED', 'rcv SYN');
    sendSyn(conn, now);
  }
  return undefined;
}

/**
 * SYN-RECEIVED, fifth step of §3.10.7.4: an ACK of our SYN completes the handshake and
 * the connection joins its listener's accept queue. When that queue is full the ACK is
 * dropped, as Linux does, and our SYN,ACK retransmission tries again later.
 */
export function completeHandshake(conn: Connection, now: number, seg: TcpRepr): string | undefined {
  if (!(seqGt(seg.ack, conn.sndUna) && seqLe(seg.ack, conn.sndMax))) {
    emitSegment(conn, now, seg.ack, { rst: true });
    return 'unacceptable ACK in SYN-RECEIVED (RST sent)';
  }
  if (conn.listener?.isFull()) return 'accept queue full';
  conn.transition(now, 'ESTABLISHED', 'rcv ACK of SYN');
  onEstablished(conn, now);
  conn.listener?.enqueue(conn);
  return undefined;
}

/**
 * Entering ESTABLISHED: start congestion control and keepalive, and carry out a shutdown
 * requested earlier.
 */
function onEstablished(conn: Connection, now: number): void {
  startCongestionControl(conn);
  if (conn.config.keepalive !== null) conn.keepaliveAt = now + conn.config.keepalive.idle;
  conn.sndNxt = seqMax(conn.sndNxt, conn.sndUna);
  const pending = conn.pendingClose;
  if (pending === null) return;
  conn.pendingClose = null;
  conn.finQueued = true;
  conn.transition(now, 'FIN_WAIT_1', pending === 'close' ? 'close()' : 'shutdown(SHUT_WR)');
}
