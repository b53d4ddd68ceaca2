/**
 * Each UDP datagram and ICMP message counted once, by the rule of sender-side-segments.ts:
 * the copy that entered the switch from its sender's link ('in'); a sender whose link was
 * not captured is counted from its 'out' copies, one per distinct frame.
 */
import type { Trace, TraceIcmpMessage, TraceUdpDatagram } from '@socklab/trace';

interface CapturedCopy {
  index: number;
  t: number;
  direction: 'in' | 'out';
}

function onePerTransmission<T extends CapturedCopy>(
  copies: readonly T[],
  senderOf: (copy: T) => string,
  frameOf: (copy: T) => string,
): T[] {
  const capturedAtSender = new Set(copies.filter((c) => c.direction === 'in').map(senderOf));
  const seenOutCopies = new Set<string>();
  return copies
    .filter((copy) => {
      if (copy.direction === 'in') return true;
      if (capturedAtSender.has(senderOf(copy))) return false;
      const frame = `${copy.t}|${frameOf(copy)}`;
      if (seenOutCopies.has(frame)) return false;
      seenOutCopies.add(frame);
      return true;
    })
    .sort((a, b) => a.t - b.t || a.index - b.index);
}

export function senderSideUdpDatagrams(trace: Trace): TraceUdpDatagram[] {
  return onePerTransmission(
    trace.udpDatagrams ?? [],
    (d) => d.src.addr,
    (d) => `${d.src.addr}:${d.src.port}>${d.dst.addr}:${d.dst.port}|${d.len}|${d.payload}`,
  );
}

export function senderSideIcmpMessages(trace: Trace): TraceIcmpMessage[] {
  return onePerTransmission(
    trace.icmpMessages ?? [],
    (m) => m.src,
    (m) => `${m.src}>${m.dst}|${m.type}|${m.code}`,
  );
}
