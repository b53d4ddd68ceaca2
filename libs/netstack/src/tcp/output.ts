/**
 * Segment building and the send decision (RFC 9293 §3.8.6, RFC 6298 §5).
 *
 * Every segment a connection sends is built by `emitSegment`, which fills in ACK and
 * window from the control block. `transmit` is called after every event that may allow
 * sending (user call, arriving segment, timer) and sends what flow control allows.
 */
import { NO_FLAGS, type TcpFlags, type TcpOptions, type TcpRepr } from '../wire/tcp-repr';
import type { TcpState } from './api';
import type { Connection } from './connection';
import { restartAfterIdle, sendWindow } from './congestion';
import { seqAdd, seqDiff, seqGt, seqMax } from './seq';
import { MAX_UNSCALED_WINDOW } from './tcb';

const EMPTY = new Uint8Array(0);

/** States in which data and our FIN may still be (re)sent. */
const DATA_STATES: ReadonlySet<TcpState> = new Set([
  'ESTABLISHED',
  'CLOSE_WAIT',
  'FIN_WAIT_1',
  'CLOSING',
  'LAST_ACK',
]);

/** States whose segments carry a valid ACK (everything after the handshake began). */
const SYNCHRONIZED_STATES: ReadonlySet<TcpState> = new Set([
  'SYN_RECEIVED',
  'ESTABLISHED',
  'FIN_WAIT_1',
  'FIN_WAIT_2',
  'CLOSE_WAIT',
  'CLOSING',
  'LAST_ACK',
  'TIME_WAIT',
]);

/** States in which the peer may still send us data. */
const RECEIVING_STATES: ReadonlySet<TcpState> = new Set(['ESTABLISHED', 'FIN_WAIT_1', 'FIN_WAIT_2']);

export function canSendData(state: TcpState): boolean {
  return DATA_STATES.has(state);
}

export function isSynchronized(state: TcpState): boolean {
  return SYNCHRONIZED_STATES.has(state);
}

/**
 * Receiver-side silly window syndrome avoidance (RFC 9293 §3.8.6.2.2): the right edge of
 * the offered window moves only when it can move by at least min(RCV.BUFF / 2, MSS);
 * otherwise the previously offered edge is kept (it never moves left).
 */
export function windowToOffer(conn: Connection): number {
  const free = conn.recvBuffer.free;
  const current = conn.rcvWnd;
  const threshold = Math.min(conn.recvBuffer.capacity / 2, conn.config.mss);
  return free - current >= threshold ? free : current;
}

/** The 16-bit window field for a non-SYN segment; records the advertised right edge. */
function encodeWindow(conn: Connection): number {
  const unit = 2 ** conn.rcvScale;
  const offer = Math.min(windowToOffer(conn), MAX_UNSCALED_WINDOW * unit);
  // Round up when that stays within the free space, so rounding never shrinks the window.
  const up = Math.ceil(offer / unit);
  const field =
    up * unit <= conn.recvBuffer.free && up <= MAX_UNSCALED_WINDOW ? up : Math.floor(offer / unit);
  conn.rcvAdvRight = seqMax(conn.rcvAdvRight, seqAdd(conn.rcvNxt, field * unit));
  return field;
}

/** The window of a SYN or SYN,ACK: never scaled (RFC 7323 §2.2). */
export function synWindow(conn: Connection): number {
  return Math.min(conn.recvBuffer.free, MAX_UNSCALED_WINDOW);
}

/** Builds and sends one segment; any segment with ACK set satisfies a pending ACK. */
export function emitSegment(
  conn: Connection,
  now: number,
  seq: number,
  flags: Partial<TcpFlags>,
  payload: Uint8Array = EMPTY,
  options: TcpOptions = {},
): void {
  const allFlags: TcpFlags = { ...NO_FLAGS, ...flags };
  let window = 0;
  if (allFlags.syn) {
    window = synWindow(conn);
    if (allFlags.ack) conn.rcvAdvRight = seqMax(conn.rcvAdvRight, seqAdd(conn.rcvNxt, window));
  } else if (!allFlags.rst) {
    window = encodeWindow(conn);
  }
  const segment: TcpRepr = {
    srcPort: conn.local.port,
    dstPort: conn.remote.port,
    seq,
    ack: allFlags.ack ? conn.rcvNxt : 0,
    flags: allFlags,
    window,
    urgentPointer: 0,
    options,
    payload,
  };
  if (allFlags.ack) {
    conn.ackNow = false;
    conn.delayedAckAt = null;
    conn.fullSegmentsUnacked = 0;
  }
  conn.host.transmitSegment(now, conn.local.addr, conn.remote.addr, segment);
}

/**
 * Sends our SYN (SYN-SENT) or SYN,ACK (SYN-RECEIVED) with sequence number ISS, carrying
 * our MSS and, when permitted, our window scale (RFC 7323 §2.2: a SYN,ACK offers it only
 * if the peer's SYN did).
 */
export function sendSyn(conn: Connection, now: number): void {
  const iss = conn.iss ?? 0;
  const options: TcpOptions = { mss: conn.config.mss };
  const offerScale = conn.state === 'SYN_SENT' || conn.peerWindowScale !== null;
  if (conn.config.windowScale !== null && offerScale) options.windowScale = conn.config.windowScale;
  emitSegment(conn, now, iss, { syn: true, ack: conn.state !== 'SYN_SENT' }, EMPTY, options);
  const end = seqAdd(iss, 1);
  if (seqGt(end, conn.sndMax)) {
    conn.sndMax = end;
    conn.rttTiming = { seqEnd: end, sentAt: now };
  } else {
    conn.rttTiming = null; // Karn: a repeated SYN cannot be timed.
  }
  conn.sndNxt = seqMax(conn.sndNxt, end);
}

export function sendAck(conn: Connection, now: number): void {
  emitSegment(conn, now, conn.sndNxt, { ack: true });
}

/** RST,ACK at SND.NXT, as Linux's tcp_send_active_reset() sends on abort. */
export function sendReset(conn: Connection, now: number): void {
  emitSegment(conn, now, conn.sndNxt, { rst: true, ack: true });
}

/**
 * Sends `length` octets of buffered data starting at `seq`, with FIN when the segment
 * reaches the end of the stream and `withFin` allows it. Returns the sequence number
 * after the segment. New data (beyond sndMax) starts an RTT measurement if none runs.
 */
function sendData(
  conn: Connection,
  now: number,
  seq: number,
  length: number,
  push: boolean,
  withFin: boolean,
): number {
  const payload = length > 0 ? conn.sendBuffer.read(seqDiff(seq, conn.sndDataSeq), length) : EMPTY;
  const dataEnd = seqAdd(seq, length);
  const fin = withFin && conn.finQueued && dataEnd === conn.finSeq;
  emitSegment(conn, now, seq, { ack: true, psh: push && length > 0, fin }, payload);
  if (length > 0) conn.lastSendAt = now;
  const end = seqAdd(dataEnd, fin ? 1 : 0);
  if (seqGt(end, conn.sndMax)) {
    if (conn.rttTiming === null && seqDiff(seq, conn.sndMax) >= 0)
      conn.rttTiming = { seqEnd: end, sentAt: now };
    conn.sndMax = end;
  }
  return end;
}

/**
 * Sends new data and our FIN as far as the peer's window and the congestion window allow
 * (RFC 9293 §3.8.6, RFC 5681 §3.1), or a pending ACK when nothing else goes out, then arms
 * the retransmission or persist timer.
 * Data written with explicit segmentation is sent in whole pieces: a piece waits for
 * window unless it exceeds the MSS or the largest window the peer ever offered.
 */
export function transmit(conn: Connection, now: number): void {
  if (conn.released) return;
  let sent = false;
  if (canSendData(conn.state)) {
    restartAfterIdle(conn, now);
    for (;;) {
      const offset = seqDiff(conn.sndNxt, conn.sndDataSeq);
      if (offset < conn.sendBuffer.length) {
        const usable = seqDiff(seqAdd(conn.sndUna, sendWindow(conn)), conn.sndNxt);
        if (usable <= 0) break;
        const mayCut = usable >= conn.sndMss || usable >= conn.maxSndWnd;
        const cut = conn.sendBuffer.nextSegment(offset, Math.min(conn.sndMss, usable), mayCut);
        if (cut.length === 0) break;
        conn.sndNxt = sendData(conn, now, conn.sndNxt, cut.length, cut.push, true);
        sent = true;
      } else if (conn.finQueued && conn.sndNxt === conn.finSeq) {
        // Like Linux, the FIN goes out even into a zero window: it occupies no buffer space.
        conn.sndNxt = sendData(conn, now, conn.sndNxt, 0, false, true);
        sent = true;
        break;
      } else {
        break;
      }
    }
  }
  if (!sent && conn.ackNow && isSynchronized(conn.state)) sendAck(conn, now);
  armSendTimers(conn, now);
}

/**
 * RFC 6298 §5.1/5.2: the retransmission timer runs while anything is in flight. The
 * persist timer (RFC 9293 §3.8.6.1) runs while data waits for window and nothing is in
 * flight, so no ACK would ever announce the window opening.
 */
export function armSendTimers(conn: Connection, now: number): void {
  if (conn.released || conn.state === 'TIME_WAIT') return;
  const inFlight = conn.sndUna !== conn.sndNxt;
  if (!inFlight) conn.retransmitAt = null;
  else if (conn.retransmitAt === null) conn.retransmitAt = now + conn.rtt.rto;
  const waitingForWindow = !inFlight && conn.unsentBytes > 0 && canSendData(conn.state);
  if (!waitingForWindow) {
    conn.persistAt = null;
  } else if (conn.persistAt === null) {
    const { persistMin, persistMax } = conn.config;
    conn.persistInterval ??= Math.min(Math.max(conn.rtt.rto, persistMin), persistMax);
    conn.persistAt = now + conn.persistInterval;
  }
}

/**
 * Retransmits the earliest unacknowledged segment (RFC 6298 §5.4): the SYN or SYN,ACK
 * during the handshake, else up to one MSS of data from SND.UNA (with the FIN if it was
 * sent and fits). Cancels any RTT measurement (Karn's rule).
 */
export function retransmitFirst(conn: Connection, now: number): void {
  conn.rttTiming = null;
  if (conn.state === 'SYN_SENT' || conn.state === 'SYN_RECEIVED') {
    conn.synRetransmitted = true;
    sendSyn(conn, now);
    return;
  }
  const inFlight = seqDiff(conn.sndNxt, conn.sndUna);
  if (inFlight <= 0) return;
  const offset = seqDiff(conn.sndUna, conn.sndDataSeq);
  const dataInFlight = Math.min(conn.sendBuffer.length - offset, inFlight);
  const cut =
    dataInFlight > 0
      ? conn.sendBuffer.nextSegment(offset, Math.min(conn.sndMss, dataInFlight), true)
      : { length: 0, push: false };
  sendData(conn, now, conn.sndUna, cut.length, cut.push, conn.finSent);
  conn.rttTiming = null;
}

/**
 * Persist timer expiry (RFC 9293 §3.8.6.1): into a zero window, probe with one octet of
 * new data, sent without advancing SND.NXT so it never enters the retransmission queue;
 * into a window too small for a waiting piece, send what fits.
 */
export function sendPersistSegment(conn: Connection, now: number): void {
  const offset = seqDiff(conn.sndNxt, conn.sndDataSeq);
  if (conn.sndWnd === 0) {
    emitSegment(conn, now, conn.sndNxt, { ack: true }, conn.sendBuffer.read(offset, 1));
    conn.sndMax = seqMax(conn.sndMax, seqAdd(conn.sndNxt, 1));
    return;
  }
  const cut = conn.sendBuffer.nextSegment(offset, Math.min(conn.sndMss, conn.sndWnd), true);
  if (cut.length > 0) conn.sndNxt = sendData(conn, now, conn.sndNxt, cut.length, cut.push, true);
}

/** After the user read data: announce the window if its right edge can move (SWS rule). */
export function maybeSendWindowUpdate(conn: Connection, now: number): void {
  if (conn.released || !RECEIVING_STATES.has(conn.state) || conn.peerClosed) return;
  if (seqGt(seqAdd(conn.rcvNxt, windowToOffer(conn)), conn.rcvAdvRight)) {
    conn.ackNow = true;
    transmit(conn, now);
  }
}
