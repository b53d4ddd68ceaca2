/**
 * `when: {received: {conn, bytes | lines | eof}}`: holds once the connection has received
 * that much (counted as bytes arrive, before any read; see connection-record.ts).
 *
 * It fails at once, instead of waiting out its timeout, when it can no longer hold: the
 * connection was reset or is closed, or the other side's FIN arrived (nothing follows a FIN,
 * RFC 9293 §3.6), and no received byte is still waiting to be counted.
 */
import type { Trigger } from '@socklab/exercise';
import { StepFailure } from './step-failure';

type ReceivedTrigger = Extract<Trigger, { kind: 'received' }>;

/** What the trigger needs of a ConnectionRecord. */
export interface ReceivedCounts {
  bytesArrived: number;
  linesArrived: number;
  connection: { peerClosed: boolean; state: string; socket: { readableBytes: number } };
}

export function receivedTriggerHolds(trigger: ReceivedTrigger, conn: ReceivedCounts | undefined): boolean {
  if (conn === undefined) return false;
  const { connection } = conn;
  if (trigger.eof) {
    if (connection.peerClosed) return true;
  } else if (trigger.lines !== undefined) {
    if (conn.linesArrived >= trigger.lines) return true;
  } else if (conn.bytesArrived >= (trigger.bytes ?? 1)) {
    return true;
  }
  const ended = connection.state === 'CLOSED' || (!trigger.eof && connection.peerClosed);
  if (ended && connection.socket.readableBytes === 0) {
    const got =
      trigger.lines !== undefined
        ? `${conn.linesArrived} line(s)`
        : trigger.eof
          ? 'no FIN'
          : `${conn.bytesArrived} byte(s)`;
    const how = connection.peerClosed ? 'the other side closed it (FIN)' : 'it was reset or closed';
    throw new StepFailure('failed', `${trigger.conn} can receive nothing more: ${how} after ${got}`);
  }
  return false;
}
