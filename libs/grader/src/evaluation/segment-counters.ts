/**
 * Counters computed from the capture (sender-side segments), each for the segments a
 * host sent (or, without a host, every segment):
 *  - synRetransmissions: SYN and SYN-ACK segments beyond the first on their connection
 *    from the same sender (a retransmitted SYN carries the same sequence number);
 *  - retransmissions: segments occupying sequence space (data, SYN or FIN) whose sequence
 *    number, length and SYN/FIN flags were already sent on that connection;
 *  - resetsSent / resetsReceived: RST segments the host sent / that were sent to it;
 *  - zeroWindowProbes: segments with no more than one byte, no SYN/FIN/RST, sent while the
 *    receiver's most recent advertised window was zero.
 */
import type { TracePacket } from '@socklab/trace';
import type { ScenarioContext } from './scenario-context';

export type SegmentCounter =
  'synRetransmissions' | 'retransmissions' | 'resetsSent' | 'resetsReceived' | 'zeroWindowProbes';

/** What counting needs of a segment: the trace's packets have it, and so has the lab's live capture. */
export type CountableSegment = Pick<TracePacket, 'src' | 'dst' | 'flags' | 'seq' | 'len' | 'window'> & {
  connectionId?: string | null;
};

const endpoint = (addr: { addr: string; port: number }): string => `${addr.addr}:${addr.port}`;
const flow = (packet: CountableSegment): string =>
  `${packet.connectionId ?? ''}|${endpoint(packet.src)}>${endpoint(packet.dst)}`;

/** The segments that count toward `counter` for `host` (all hosts when undefined). */
export function countedSegments(
  counter: SegmentCounter,
  context: ScenarioContext,
  host: string | undefined,
): TracePacket[] {
  return segmentsCounted(counter, context.segments, host === undefined ? undefined : context.addressOf(host));
}

/**
 * The sender-side segments (each once, in time order) that count toward `counter` for the
 * host at `address` (every host when undefined).
 */
export function segmentsCounted<T extends CountableSegment>(
  counter: SegmentCounter,
  segments: readonly T[],
  address: string | undefined,
): T[] {
  const sentByHost = (packet: T): boolean => address === undefined || packet.src.addr === address;
  switch (counter) {
    case 'synRetransmissions':
      return repeated(
        segments.filter((p) => p.flags.includes('S') && sentByHost(p)),
        (p) => flow(p),
      );
    case 'retransmissions':
      return repeated(
        segments.filter(
          (p) => sentByHost(p) && (p.len > 0 || p.flags.includes('S') || p.flags.includes('F')),
        ),
        (p) => `${flow(p)}|${p.seq}|${p.len}|${p.flags.includes('S')}|${p.flags.includes('F')}`,
      );
    case 'resetsSent':
      return segments.filter((p) => p.flags.includes('R') && sentByHost(p));
    case 'resetsReceived':
      return segments.filter(
        (p) => p.flags.includes('R') && (address === undefined || p.dst.addr === address),
      );
    case 'zeroWindowProbes':
      return zeroWindowProbes(segments).filter(sentByHost);
  }
}

function repeated<T>(segments: readonly T[], key: (packet: T) => string): T[] {
  const seen = new Set<string>();
  return segments.filter((packet) => {
    const k = key(packet);
    if (seen.has(k)) return true;
    seen.add(k);
    return false;
  });
}

function zeroWindowProbes<T extends CountableSegment>(segments: readonly T[]): T[] {
  const advertised = new Map<string, number>();
  const probes: T[] = [];
  for (const packet of segments) {
    const receiverWindow = advertised.get(`${packet.connectionId ?? ''}|${endpoint(packet.dst)}`);
    const control = /[SFR]/.test(packet.flags);
    if (receiverWindow === 0 && !control && packet.len <= 1) probes.push(packet);
    if (packet.flags.includes('.'))
      advertised.set(`${packet.connectionId ?? ''}|${endpoint(packet.src)}`, packet.window);
  }
  return probes;
}
