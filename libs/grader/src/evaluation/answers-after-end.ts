/**
 * Segments that answer one which reached their sender after the connection had ended there.
 *
 * A host's side of a connection is over once its FIN has been acknowledged and it has
 * acknowledged the other side's FIN: its socket is CLOSED (it closed last, RFC 9293
 * §3.10.7.4 LAST-ACK) or in TIME-WAIT, and the program holds nothing of it any more. A
 * segment that still reaches it — the other side's duplicate ACK of a retransmitted FIN, a
 * retransmission whose acknowledgement was on its way when a timer fired — meets no
 * connection, and the kernel answers it: with RST from the LISTEN socket or from no socket
 * (RFC 9293 §3.10.7.1–2), or from TIME-WAIT. That answer follows from the network's timing
 * (a slow lab, a tail-loss probe), not from any call the program made.
 *
 * Judged from the capture alone, so it holds without kernel tracepoints. Order is the
 * capture tap's record order (packet index). A frame to a host is recorded when it is
 * delivered (the 'out' copy toward it; the sender's 'in' copy when the host's link is not
 * captured), so record order is arrival order. A frame from a host is recorded when it
 * reaches the switch, which is after its kernel sent it: one recorded before a delivery was
 * sent before that delivery arrived.
 *
 * The answer is recognised by the numbers RFC 9293 §3.10.7.1 gives it: for an arriving
 * segment with ACK, <SEQ=SEG.ACK><CTL=RST>; without ACK, <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
 * A host that sent any other RST on the connection before it ended never qualifies.
 */
import type { TracePacket } from '@socklab/trace';

interface Side {
  /** Sequence number just past this side's FIN, once it has been sent. */
  finEnd: number | null;
  /** This side received an ACK covering its FIN. */
  finAcked: boolean;
  /** This side sent an ACK covering the other side's FIN. */
  ackedOtherFin: boolean;
  /** This side sent an RST that answers nothing after the end. */
  reset: boolean;
  /** Segments delivered to this side after its end, in arrival order. */
  deliveredAfterEnd: TracePacket[];
}

type Step = { kind: 'sent' | 'delivered'; packet: TracePacket };

const newSide = (): Side => ({
  finEnd: null,
  finAcked: false,
  ackedOtherFin: false,
  reset: false,
  deliveredAfterEnd: [],
});

const endpoint = (a: TracePacket['src']): string => `${a.addr}:${a.port}`;
const ended = (side: Side): boolean => side.finAcked && side.ackedOtherFin && !side.reset;

/**
 * Indexes of the sent segments (out of `sent`, the sender-side copies) that answer a segment
 * delivered to their sender after the connection had ended there. `packets` are all the
 * captured copies, for deliveries.
 */
export function answersAfterEnd(packets: readonly TracePacket[], sent: readonly TracePacket[]): Set<number> {
  const delivered = deliveredCopies(packets);
  const byConnection = new Map<string, Step[]>();
  const add = (kind: Step['kind'], packet: TracePacket): void => {
    const key = connectionKey(packet);
    const steps = byConnection.get(key) ?? [];
    steps.push({ kind, packet });
    byConnection.set(key, steps);
  };
  for (const packet of sent) add('sent', packet);
  for (const packet of delivered) add('delivered', packet);

  const answers = new Set<number>();
  for (const steps of byConnection.values()) {
    // A copy that is both the sender's and the delivered one was sent before it arrived.
    steps.sort((a, b) => a.packet.index - b.packet.index || (a.kind === 'sent' ? -1 : 1));
    let sides = new Map<string, Side>();
    const sideOf = (at: TracePacket['src']): Side => {
      const key = endpoint(at);
      let side = sides.get(key);
      if (!side) sides.set(key, (side = newSide()));
      return side;
    };
    for (const { kind, packet } of steps) {
      const hasAck = packet.flags.includes('.');
      if (kind === 'delivered') {
        const receiver = sideOf(packet.dst);
        if (ended(receiver)) receiver.deliveredAfterEnd.push(packet);
        else if (hasAck && receiver.finEnd !== null && packet.ack !== null && packet.ack >= receiver.finEnd)
          receiver.finAcked = true;
        continue;
      }
      // A new SYN after the end starts a new incarnation of the same four-tuple.
      if (packet.flags.includes('S') && !hasAck && [...sides.values()].some(ended)) sides = new Map();
      const sender = sideOf(packet.src);
      const other = sideOf(packet.dst);
      if (packet.flags.includes('R')) {
        if (ended(sender) && sender.deliveredAfterEnd.some((arrived) => isAnswerTo(packet, arrived)))
          answers.add(packet.index);
        else sender.reset = true;
        continue;
      }
      if (packet.flags.includes('F') && sender.finEnd === null) sender.finEnd = packet.seq + packet.len + 1;
      if (hasAck && other.finEnd !== null && packet.ack !== null && packet.ack >= other.finEnd)
        sender.ackedOtherFin = true;
    }
  }
  return answers;
}

/** Whether `rst` carries the numbers of the reset RFC 9293 §3.10.7.1 sends for `arrived`. */
function isAnswerTo(rst: TracePacket, arrived: TracePacket): boolean {
  if (!arrived.flags.includes('.')) {
    const occupied =
      arrived.len + (arrived.flags.includes('S') ? 1 : 0) + (arrived.flags.includes('F') ? 1 : 0);
    return rst.flags.includes('.') && rst.ack === arrived.seq + occupied;
  }
  return !rst.flags.includes('.') && rst.seq === arrived.ack;
}

/**
 * The copy of each frame that shows it arriving: the 'out' copy toward a host whose link was
 * captured, else the sender's 'in' copy (a peer inside the lab takes a frame as the switch
 * receives it, unless an impairment holds it back); frames dropped on the way never arrived.
 */
function deliveredCopies(packets: readonly TracePacket[]): TracePacket[] {
  const capturedReceivers = new Set(packets.filter((p) => p.direction === 'out').map((p) => p.dst.addr));
  return packets.filter(
    (packet) =>
      packet.impairment?.action !== 'drop' &&
      (packet.direction === 'out') === capturedReceivers.has(packet.dst.addr),
  );
}

/** The four-tuple, either way round; a reused one is told apart by its new SYN. */
function connectionKey(packet: TracePacket): string {
  return [endpoint(packet.src), endpoint(packet.dst)].sort().join('-');
}
