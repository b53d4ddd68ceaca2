/**
 * "Where to look" for a socket whose states did not follow the expected path: the
 * segment or missing system call that explains where it stopped or went astray.
 */
import type { TracePacket } from '@socklab/trace';
import type { EvidenceRef, ProcessOutcome } from '../api';
import { at, describePacket } from '../evaluation/format';
import { packetRef } from '../evaluation/packet-pattern';
import type { ScenarioContext } from '../evaluation/scenario-context';
import { observationEnd, type TracedSocket } from '../evaluation/sockets';
import { endOf } from './process';

export interface Hint {
  text: string;
  evidence: EvidenceRef[];
}

export function stateHint(socket: TracedSocket, context: ScenarioContext): Hint | undefined {
  const segments = context.segments.filter((packet) => packet.connectionId === socket.connectionId);
  const sentBySocket = (packet: TracePacket): boolean =>
    packet.src.addr === socket.local.addr && packet.src.port === socket.local.port;
  const resetSent = segments.find((packet) => packet.flags.includes('R') && sentBySocket(packet));
  if (resetSent) {
    const ended = programEndBefore(socket, resetSent.t, context);
    const cause = ended
      ? ` Here your program had ended first (${endOf(ended)} at ${at(ended.exitedAt ?? 0)}): ending closes every socket it still has, so find out why it ended.`
      : '';
    return {
      text:
        `${describePacket(resetSent)}: this socket sent RST, which aborts the connection instead of closing it. ` +
        `Linux does this when a socket is closed while received data is still unread: read until read() returns 0 before close().${cause}`,
      evidence: [packetRef(resetSent)],
    };
  }
  const resetReceived = segments.find((packet) => packet.flags.includes('R') && !sentBySocket(packet));
  if (resetReceived) {
    return {
      text: `${describePacket(resetReceived)}: the peer reset the connection.`,
      evidence: [packetRef(resetReceived)],
    };
  }
  const last = socket.history[socket.history.length - 1].state;
  const end = observationEnd(socket, context);
  const peerFin = segments.find((packet) => packet.flags.includes('F') && !sentBySocket(packet));
  const ownFin = segments.find((packet) => packet.flags.includes('F') && sentBySocket(packet));
  if (last === 'CLOSE_WAIT' && peerFin) {
    const fd = descriptorOf(socket, context);
    const closeCall = fd === undefined ? '' : `; your program never called close() on fd ${fd}`;
    return {
      text:
        `${describePacket(peerFin)}, the peer's FIN. The socket stays in CLOSE_WAIT until your program closes it` +
        `${closeCall}. When read() returns 0, the peer has finished sending: close the socket.`,
      evidence: [packetRef(peerFin)],
    };
  }
  if (last === 'FIN_WAIT_2' && ownFin) {
    return {
      text: `${describePacket(ownFin)}, your FIN, was acknowledged, but the peer never sent its own FIN before ${end.words} at ${at(end.t)}.`,
      evidence: [packetRef(ownFin)],
    };
  }
  if (last === 'ESTABLISHED') {
    return {
      text: `neither side sent a FIN on this connection before ${end.words} at ${at(end.t)}.`,
      evidence: [],
    };
  }
  return undefined;
}

/** The last run of the socket's host that ended on its own (no lab stop) by time `t`. */
function programEndBefore(
  socket: TracedSocket,
  t: number,
  context: ScenarioContext,
): ProcessOutcome | undefined {
  return context
    .runsOf(socket.host)
    .filter(
      (run) => run.exitedAt !== null && run.exitedAt <= t && !run.killedByLab && run.stoppedByLabAt === null,
    )
    .at(-1);
}

/** The file descriptor the program used for this socket, when strace annotated one. */
function descriptorOf(socket: TracedSocket, context: ScenarioContext): number | undefined {
  const pids = context.pidsOf(socket.host);
  const call = context.trace.syscalls.find(
    (candidate) =>
      pids.has(candidate.pid) &&
      candidate.fd !== null &&
      candidate.socket?.local?.addr === socket.local.addr &&
      candidate.socket.local.port === socket.local.port &&
      candidate.socket.remote?.port === socket.remote?.port,
  );
  return call?.fd ?? undefined;
}
