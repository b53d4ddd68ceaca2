/**
 * Packet patterns (exercise spec, observations.ts) over sender-side segments.
 * direction learner-to-peer: sent from a learner host's address; peer-to-learner: sent
 * to a learner host by a host that is not a learner. host: the segment's source or
 * destination is that host. flags: every letter set ('.' is ACK); without: none set.
 * payloadBytes: bounds on the TCP payload length.
 */
import type { PacketPattern } from '@socklab/exercise';
import type { TracePacket } from '@socklab/trace';
import type { EvidenceRef } from '../api';
import { flagWords } from './format';
import type { ScenarioContext } from './scenario-context';

export function matchesPattern(
  packet: TracePacket,
  pattern: PacketPattern,
  context: ScenarioContext,
): boolean {
  if (pattern.direction === 'learner-to-peer' && !context.isLearnerAddress(packet.src.addr)) return false;
  if (
    pattern.direction === 'peer-to-learner' &&
    (context.isLearnerAddress(packet.src.addr) || !context.isLearnerAddress(packet.dst.addr))
  ) {
    return false;
  }
  if (pattern.host !== undefined) {
    const address = context.addressOf(pattern.host);
    if (packet.src.addr !== address && packet.dst.addr !== address) return false;
  }
  if (pattern.flags !== undefined && ![...pattern.flags].every((flag) => packet.flags.includes(flag)))
    return false;
  if (pattern.without !== undefined && [...pattern.without].some((flag) => packet.flags.includes(flag)))
    return false;
  const { payloadBytes } = pattern;
  if (payloadBytes?.min !== undefined && packet.len < payloadBytes.min) return false;
  if (payloadBytes?.max !== undefined && packet.len > payloadBytes.max) return false;
  return true;
}

/** "RST segments sent by your program's host" (or "RST segment …" with `singular`). */
export function describePattern(pattern: PacketPattern, singular = false): string {
  const noun = singular ? 'segment' : 'segments';
  const kind = pattern.flags ? `${flagWords(pattern.flags)} ${noun}` : noun;
  const parts = [kind];
  if (pattern.without) parts.push(`without ${flagWords(pattern.without)}`);
  const { payloadBytes } = pattern;
  if (payloadBytes?.min !== undefined && payloadBytes.max !== undefined) {
    parts.push(`carrying ${payloadBytes.min}–${payloadBytes.max} bytes of data`);
  } else if (payloadBytes?.min !== undefined) {
    parts.push(payloadBytes.min === 1 ? 'carrying data' : `carrying at least ${payloadBytes.min} bytes`);
  } else if (payloadBytes?.max !== undefined) {
    parts.push(payloadBytes.max === 0 ? 'carrying no data' : `carrying at most ${payloadBytes.max} bytes`);
  }
  if (pattern.direction === 'learner-to-peer') parts.push('from your program');
  if (pattern.direction === 'peer-to-learner') parts.push('to your program');
  if (pattern.host) parts.push(`to or from ${pattern.host}`);
  return parts.join(' ');
}

export function packetRef(packet: TracePacket): EvidenceRef {
  return { kind: 'packet', index: packet.index, t: packet.t };
}
