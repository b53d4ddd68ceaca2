/**
 * Relative sequence numbers, as Wireshark shows them: each side's sequence numbers count
 * from its initial sequence number (ISN), so the SYN is seq 0 and the first data byte 1,
 * and acknowledgements count in the other side's numbering. Arithmetic is modulo 2^32
 * (RFC 9293 §3.4), so a wrap of the sequence space does not produce negative numbers.
 *
 * The ISN of a side is the sequence number of its SYN. When the capture has no SYN from a
 * side (it started mid-connection), its first sequence number seen counts as 1 — or, if
 * that side never sent anything, the first acknowledgement the other side sent it.
 */
import type { SegmentRecord } from '../picture/picture';

export interface RelativeNumbers {
  seq: number;
  /** Null when the segment carries no acknowledgement. */
  ack: number | null;
}

const mod32 = (value: number) => ((value % 0x1_0000_0000) + 0x1_0000_0000) % 0x1_0000_0000;

export function initialSequenceNumbers(segments: readonly SegmentRecord[]): Map<string, number> {
  const isn = new Map<string, number>();
  for (const s of segments) {
    if (s.flags.includes('SYN') && !isn.has(s.src)) isn.set(s.src, s.seq);
  }
  for (const s of segments) {
    if (!isn.has(s.src)) isn.set(s.src, mod32(s.seq - 1));
  }
  for (const s of segments) {
    if (s.ack !== null && !isn.has(s.dst)) isn.set(s.dst, mod32(s.ack - 1));
  }
  return isn;
}

export function relativeNumbers(segment: SegmentRecord, isn: ReadonlyMap<string, number>): RelativeNumbers {
  const own = isn.get(segment.src) ?? segment.seq;
  const peer = isn.get(segment.dst);
  return {
    seq: mod32(segment.seq - own),
    ack: segment.ack === null ? null : peer === undefined ? segment.ack : mod32(segment.ack - peer),
  };
}
