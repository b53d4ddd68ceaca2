/**
 * packets.payload: the bytes carried by the matching segments, in sequence order, each
 * byte once. trace.json records segment sizes, not their bytes, so the bytes come from
 * the one place that has them, the peer's byte stream (evidence.streams): what the peer
 * connection received is what the learner's segments carried, what it sent is what the
 * peer's segments carried. That is exact only when the scenario has a single peer
 * connection and the pattern selects a whole direction (no flags other than PSH/ACK, no
 * size bounds, no window); anything narrower is reported as not evaluable rather than
 * guessed. Use a `stream` check to compare bytes per connection.
 */
import type { Assertion, PacketPattern } from '@socklab/exercise';
import { quoteBytes } from '../evaluation/format';
import { failed, passed, unavailable, type CheckOutcome } from '../evaluation/outcome';
import { describePattern } from '../evaluation/packet-pattern';
import type { ScenarioContext } from '../evaluation/scenario-context';

const WHOLE_STREAM_FLAGS = /^[P.]*$/;

type PayloadAssertion = Extract<Assertion, { kind: 'packets' }>['payload'] & object;

export function evaluatePacketPayload(
  pattern: PacketPattern,
  payload: PayloadAssertion,
  within: unknown,
  context: ScenarioContext,
): CheckOutcome {
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
  const text = bytes.toString('utf8');
  const what = `the bytes of the ${describePattern(pattern)}`;
  if (payload.equals !== undefined) {
    if (text === payload.equals) return passed(`${what}: ${quoteBytes(bytes)}.`);
    return failed({
      expected: `${what} to be ${quoteBytes(Buffer.from(payload.equals))}`,
      observed: quoteBytes(bytes),
    });
  }
  const needle = payload.contains as string;
  if (text.includes(needle)) return passed(`${what} contain ${quoteBytes(Buffer.from(needle))}.`);
  return failed({
    expected: `${what} to contain ${quoteBytes(Buffer.from(needle))}`,
    observed: quoteBytes(bytes),
  });
}

function selectsWholeDirection(pattern: PacketPattern): boolean {
  return (
    pattern.direction !== undefined &&
    pattern.without === undefined &&
    pattern.payloadBytes === undefined &&
    (pattern.flags === undefined || WHOLE_STREAM_FLAGS.test(pattern.flags))
  );
}
