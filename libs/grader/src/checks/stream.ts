/**
 * stream: the bytes a named peer connection received equal / start with / end with the
 * concatenation of the parts (text as UTF-8, or `{sent: c}`: every byte connection c sent).
 * A connection without a record fails when a step of the scenario failed (it was never
 * opened because of the program) and is an error otherwise (the lab lost the record).
 */
import type { Assertion } from '@socklab/exercise';
import { plural, quoteBytes } from '../evaluation/format';
import { failed, passed, unavailable, type CheckOutcome } from '../evaluation/outcome';
import type { ScenarioContext } from '../evaluation/scenario-context';

type StreamAssertion = Extract<Assertion, { kind: 'stream' }>;
type StreamPart = NonNullable<StreamAssertion['equals']>[number];

const CONTEXT_BYTES = 24;

export function evaluateStream(assertion: StreamAssertion, context: ScenarioContext): CheckOutcome {
  const names = [
    assertion.conn,
    ...partsOf(assertion).flatMap((part) => (typeof part === 'string' ? [] : [part.sent])),
  ];
  const missing = names.find((name) => context.evidence.streams[name] === undefined);
  if (missing !== undefined) {
    const step = context.failedStepSummary();
    if (step === undefined) return unavailable(`no bytes were recorded for the peer connection "${missing}"`);
    return failed({
      expected: `bytes on the peer connection "${missing}"`,
      observed: `the connection was never opened: ${step}`,
    });
  }
  const received = Buffer.from(context.evidence.streams[assertion.conn].received, 'base64');
  const wanted = Buffer.concat(partsOf(assertion).map((part) => partBytes(part, context)));
  const mode = assertion.equals ? 'equals' : assertion.startsWith ? 'startsWith' : 'endsWith';
  const conn = `"${assertion.conn}"`;
  const verb = mode === 'equals' ? 'to be exactly' : mode === 'startsWith' ? 'to start with' : 'to end with';
  const expected = `the bytes connection ${conn} received ${verb} ${describeWanted(assertion, wanted)}`;

  if (received.length < wanted.length) {
    const early =
      mode === 'endsWith'
        ? null
        : firstDifference(received.subarray(0, received.length), wanted.subarray(0, received.length), 0);
    const differs = early === null ? '' : `, and they already differ at byte ${early}`;
    return failed({
      expected,
      observed: `it received only ${plural(received.length, 'byte')} of the ${wanted.length} expected${differs}; the last bytes were ${tail(received)}`,
    });
  }
  const base = mode === 'endsWith' ? received.length - wanted.length : 0;
  const mismatchAt = firstDifference(received, wanted, base);
  if (mismatchAt !== null) {
    return failed({
      expected,
      observed:
        `the bytes differ at byte ${mismatchAt} of ${received.length}: expected ${quoteBytes(wanted.subarray(mismatchAt - base), CONTEXT_BYTES)}, ` +
        `received ${quoteBytes(received.subarray(mismatchAt), CONTEXT_BYTES)}`,
      lookAt: `what came before: ${quoteBytes(received.subarray(Math.max(0, mismatchAt - CONTEXT_BYTES), mismatchAt), CONTEXT_BYTES)}`,
    });
  }
  if (mode === 'equals' && received.length > wanted.length) {
    return failed({
      expected,
      observed: `it received ${plural(received.length, 'byte')}, ${received.length - wanted.length} more than expected; the extra bytes begin ${quoteBytes(received.subarray(wanted.length), CONTEXT_BYTES)}`,
    });
  }
  return passed(`Connection ${conn} received ${plural(received.length, 'byte')}, as expected.`);
}

/** Index in `received` of the first byte that differs from `wanted` laid at `offset`, or null. */
function firstDifference(received: Uint8Array, wanted: Uint8Array, offset: number): number | null {
  for (let i = 0; i < wanted.length; i++) if (received[offset + i] !== wanted[i]) return offset + i;
  return null;
}

function partsOf(assertion: StreamAssertion): StreamPart[] {
  return assertion.equals ?? assertion.startsWith ?? assertion.endsWith ?? [];
}

function partBytes(part: StreamPart, context: ScenarioContext): Buffer {
  if (typeof part === 'string') return Buffer.from(part, 'utf8');
  return Buffer.from(context.evidence.streams[part.sent].sent, 'base64');
}

function describeWanted(assertion: StreamAssertion, wanted: Buffer): string {
  const parts = partsOf(assertion);
  if (parts.every((part) => typeof part === 'string')) return quoteBytes(wanted, 120);
  const words = parts.map((part) =>
    typeof part === 'string' ? quoteBytes(Buffer.from(part), 60) : `everything "${part.sent}" sent`,
  );
  return `${words.join(' + ')} (${plural(wanted.length, 'byte')})`;
}

function tail(bytes: Buffer): string {
  return quoteBytes(bytes.subarray(Math.max(0, bytes.length - CONTEXT_BYTES)), CONTEXT_BYTES);
}
