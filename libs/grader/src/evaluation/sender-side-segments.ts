/**
 * Each TCP segment counted once. The lab's switch reports a frame when it enters from the
 * sender's link (direction 'in') and again when it leaves toward each receiver ('out'), so
 * trace.packets may hold several copies of one transmission. A check counts what a host
 * put on the wire: the 'in' copy. A sender with no 'in' copy at all (its link was not
 * captured) is counted from its 'out' copies, one per distinct frame.
 * Retransmissions are separate transmissions and are all kept.
 */
import type { Trace, TracePacket } from '@socklab/trace';

export function senderSideSegments(trace: Trace): TracePacket[] {
  return senderSide(trace.packets);
}

type CapturedCopy = Pick<
  TracePacket,
  'index' | 't' | 'direction' | 'src' | 'dst' | 'seq' | 'ack' | 'flags' | 'len'
>;

/** The rule above over any list of captured copies (the trace's packets, or the lab's live capture). */
export function senderSide<T extends CapturedCopy>(packets: readonly T[]): T[] {
  const capturedAtSender = new Set(packets.filter((p) => p.direction === 'in').map((p) => p.src.addr));
  const seenOutCopies = new Set<string>();
  const kept = packets.filter((packet) => {
    if (packet.direction === 'in') return true;
    if (capturedAtSender.has(packet.src.addr)) return false;
    const frame = [
      packet.t,
      packet.src.addr,
      packet.src.port,
      packet.dst.addr,
      packet.dst.port,
      packet.seq,
      packet.ack,
      packet.flags,
      packet.len,
    ].join('|');
    if (seenOutCopies.has(frame)) return false;
    seenOutCopies.add(frame);
    return true;
  });
  return kept.sort((a, b) => a.t - b.t || a.index - b.index);
}
