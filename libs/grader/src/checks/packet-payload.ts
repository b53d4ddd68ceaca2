/**
 * packets.payload: the bytes carried by the matching segments, in sequence order, each
 * byte once. trace.json records segment sizes, not their bytes, so the bytes come from
 * the one place that has them, the peer's byte stream (evidence.streams): what the peer
 * connection received is what the learner's segments carried, what it sent is what the
 * peer's segments carried. That is exact only when the scenario has a single peer
 * connection and the pattern selects a whole direction (no flags other than PSH/ACK, no
 * size bounds, no window); anything narrower is reported as not evaluable rather than
 * guessed. Use a `stream` check to compare bytes per connection.
 * UDP datagrams keep their payload in the trace: their bytes are the matching datagrams'
 * payloads in the order sent.
 */
import type { Assertion, PacketPattern } from '@socklab/exercise';
import type { TraceUdpDatagram } from '@socklab/trace';
import { plural, quoteBytes } from '../evaluation/format';
import { failed, passed, unavailable, type CheckOutcome } from '../evaluation/outcome';
import { describePattern, matchingPackets } from '../evaluation/packet-pattern';
import type { ScenarioContext } from '../evaluation/scenario-context';

const WHOLE_STREAM_FLAGS = /^[P.]*$/;
const LISTED_DATAGRAMS = 10;

type PayloadAssertion = Extract<Assertion, { kind: 'packets' }>['payload'] & object;

export function evaluatePacketPayload(
  pattern: PacketPattern,
  payload: PayloadAssertion,
  within: unknown,
  context: ScenarioContext,
): CheckOutcome {
  if (pattern.protocol === 'icmp') return unavailable('ICMP messages carry no payload to compare');
  if (pattern.protocol === 'udp') {
    if (within !== undefined)
      return unavailable('the payload of UDP datagrams is compared over the whole run');
    const datagrams = udpPayloads(pattern, context);
    if (typeof datagrams === 'string') return unavailable(datagrams);
    return compareBytes(pattern, payload, Buffer.concat(datagrams), describeDatagrams(datagrams));
  }
  const streams = Object.values(context.evidence.streams);
  if (!selectsWholeDirection(pattern) || within !== undefined || streams.length !== 1) {
    return unavailable(
      "the trace records the size of each segment but not its bytes, and this pattern cannot be read off a peer connection's byte stream " +
        '(that needs exactly one peer connection and a pattern that selects a whole direction); an instructor should express it as a stream check',
    );
  }
  const stream = streams[0];
  const bytes = Buffer.from(
    pattern.direction === 'learner-to-peer' ? stream.received : stream.sent,
    'base64',
  );
  return compareBytes(pattern, payload, bytes);
}

/** The matching datagrams' payloads in the order sent, or why they are not all in the trace. */
function udpPayloads(pattern: PacketPattern, context: ScenarioContext): Buffer[] | string {
  const datagrams = matchingPackets(pattern, context) as TraceUdpDatagram[];
  const truncated = datagrams.find((d) => Buffer.from(d.payload, 'base64').length < d.len);
  if (truncated)
    return `the trace keeps only the first bytes of the ${truncated.len}-byte datagram #${truncated.index}`;
  return datagrams.map((d) => Buffer.from(d.payload, 'base64'));
}

/** 'none', or '3 datagrams: "PING\n", "PING\n", "PING\n"': the boundaries the concatenation hides. */
function describeDatagrams(datagrams: Buffer[]): string {
  if (datagrams.length === 0) return 'no datagram';
  const listed = datagrams.slice(0, LISTED_DATAGRAMS).map((d) => quoteBytes(d, 40));
  const more = datagrams.length > LISTED_DATAGRAMS ? ` and ${datagrams.length - LISTED_DATAGRAMS} more` : '';
  return `${plural(datagrams.length, 'datagram')}: ${listed.join(', ')}${more}`;
}

function compareBytes(
  pattern: PacketPattern,
  payload: PayloadAssertion,
  bytes: Buffer,
  observed = quoteBytes(bytes),
): CheckOutcome {
  const text = bytes.toString('utf8');
  const what = `the bytes of the ${describePattern(pattern)}`;
  if (payload.equals !== undefined) {
    if (text === payload.equals) return passed(`${what}: ${quoteBytes(bytes)}.`);
    return failed({ expected: `${what} to be ${quoteBytes(Buffer.from(payload.equals))}`, observed });
  }
  const needle = payload.contains as string;
  if (text.includes(needle)) return passed(`${what} contain ${quoteBytes(Buffer.from(needle))}.`);
  return failed({ expected: `${what} to contain ${quoteBytes(Buffer.from(needle))}`, observed });
}

function selectsWholeDirection(pattern: PacketPattern): boolean {
  return (
    pattern.direction !== undefined &&
    pattern.without === undefined &&
    pattern.payloadBytes === undefined &&
    (pattern.flags === undefined || WHOLE_STREAM_FLAGS.test(pattern.flags))
  );
}
