/**
 * Timer expiry: TIME-WAIT (RFC 9293 §3.6.1), retransmission (RFC 6298 §5.4–5.6),
 * persist (RFC 9293 §3.8.6.1), delayed ACK (§3.8.6.3) and keepalive (§3.8.4).
 * Timers are deadlines in the control block; the layer calls `runDueTimers` from `poll`.
 */
import type { Connection } from './connection';
import { onRetransmissionTimeout } from './congestion';
import {
  armSendTimers,
  canSendData,
  emitSegment,
  retransmitFirst,
  sendPersistSegment,
  sendReset,
  transmit,
} from './output';
import { seqAdd } from './seq';

function due(at: number | null, now: number): boolean {
  return at !== null && at <= now;
}

export function runDueTimers(conn: Connection, now: number): void {
  if (due(conn.timeWaitAt, now)) {
    conn.transition(now, 'CLOSED', '2MSL timeout');
    return;
  }
  if (due(conn.retransmitAt, now)) retransmissionTimeout(conn, now);
  if (conn.released) return;
  if (due(conn.persistAt, now)) persistTimeout(conn, now);
  if (due(conn.delayedAckAt, now)) {
    conn.delayedAckAt = null;
    conn.ackNow = true;
    transmit(conn, now);
  }
  if (due(conn.keepaliveAt, now)) keepaliveTimeout(conn, now);
}

/**
 * Retransmits the earliest unacknowledged segment and doubles the RTO. After
 * `maxRetransmissions` retransmissions, the next expiry aborts the connection (without
 * RST, like Linux's tcp_write_err(): the peer is presumed unreachable).
 */
function retransmissionTimeout(conn: Connection, now: number): void {
  conn.retransmitAt = null;
  if (conn.retransmits >= conn.config.maxRetransmissions) {
    conn.terminate(now, 'retransmission timeout', 'timeout');
    return;
  }
  onRetransmissionTimeout(conn, conn.retransmits === 0);
  conn.retransmits += 1;
  conn.rtt.backoff();
  conn.duplicateAcks = 0;
  conn.recoverSeq = conn.sndNxt;
  retransmitFirst(conn, now);
  conn.retransmitAt = now + conn.rtt.rto;
}

/** Probes the peer's window; the probe interval doubles up to persistMax, with no limit on probes. */
function persistTimeout(conn: Connection, now: number): void {
  conn.persistAt = null;
  if (conn.sndUna === conn.sndNxt && conn.unsentBytes > 0 && canSendData(conn.state)) {
    sendPersistSegment(conn, now);
    const interval = conn.persistInterval ?? conn.config.persistMin;
    conn.persistInterval = Math.min(interval * 2, conn.config.persistMax);
  }
  armSendTimers(conn, now);
}

/**
 * After `idle` ms without hearing from the peer, send up to `probes` probes `interval` ms
 * apart, each an ACK with SEQ = SND.NXT - 1 that the peer must answer (§3.8.4). With no
 * answer, reset the connection as Linux's keepalive timer does.
 */
function keepaliveTimeout(conn: Connection, now: number): void {
  const keepalive = conn.config.keepalive;
  if (keepalive === null || (conn.state !== 'ESTABLISHED' && conn.state !== 'CLOSE_WAIT')) {
    conn.keepaliveAt = null;
    return;
  }
  if (conn.sndUna !== conn.sndNxt || conn.unsentBytes > 0) {
    conn.keepaliveAt = now + keepalive.idle; // the retransmission or persist timer watches the peer
    return;
  }
  if (conn.keepaliveProbesSent >= keepalive.probes) {
    sendReset(conn, now);
    conn.terminate(now, 'keepalive timeout', 'timeout');
    return;
  }
  emitSegment(conn, now, seqAdd(conn.sndNxt, -1), { ack: true });
  conn.keepaliveProbesSent += 1;
  conn.keepaliveAt = now + keepalive.interval;
}
