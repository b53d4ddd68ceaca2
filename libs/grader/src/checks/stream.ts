/**
 * stream: the bytes a named peer connection received equal / start with / end with the
 * concatenation of the parts (text as UTF-8; `{sent: c}`: every byte connection c sent;
 * `{bytes: n, pattern}`: n bytes of a deterministic pattern; `{address: h}`: host h's IPv4
 * address in this scenario, dotted).
 * A connection without a record fails when a step of the scenario failed (it was never
 * opened because of the program) and is an error otherwise (the lab lost the record).
 *
 * A connection named with `{i}` (opened inside `repeat`) stands for every iteration's
 * connection: `{i}` in the name, in text parts and in `{sent}` names is replaced by the
 * iteration number, and the check passes only if it passes for each of them.
 */
import { patternBytes, type Assertion } from '@socklab/exercise';
import { plural, quoteBytes } from '../evaluation/format';
import { failed, passed, unavailable, type CheckOutcome, type FailureLog } from '../evaluation/outcome';
import { forIteration, isRepeatTemplate, repeatCountOf } from '../evaluation/repeat-connections';
import type { ScenarioContext } from '../evaluation/scenario-context';

type StreamAssertion = Extract<Assertion, { kind: 'stream' }>;
type StreamPart = NonNullable<StreamAssertion['equals']>[number];
type Verdict = { pass: string } | { fail: FailureLog } | { unavailable: string };

const CONTEXT_BYTES = 24;
/** A stream this short is quoted whole when it differs: a wrong line reads best in one piece. */
const SHORT_STREAM_BYTES = 64;
const LISTED_CONNECTIONS = 5;

export function evaluateStream(assertion: StreamAssertion, context: ScenarioContext): CheckOutcome {
  if (!isRepeatTemplate(assertion.conn)) return outcomeOf(judge(assertion, context));
  const scenario = context.spec.scenarios.find((s) => s.id === context.evidence.scenarioId);
  const count = scenario && repeatCountOf(scenario, assertion.conn);
  if (count === undefined) return unavailable(`no repeat step opens the connections "${assertion.conn}"`);
  const verdicts = Array.from({ length: count }, (_, i) => ({
    conn: forIteration(assertion.conn, i),
    verdict: judge(forEachIteration(assertion, i), context),
  }));
  const lost = verdicts.find(({ verdict }) => 'unavailable' in verdict);
  if (lost && 'unavailable' in lost.verdict) return unavailable(lost.verdict.unavailable);
  const failures = verdicts.flatMap(({ conn, verdict }) =>
    'fail' in verdict ? [{ conn, log: verdict.fail }] : [],
  );
  const all = `${count} connections "${assertion.conn}" (${forIteration(assertion.conn, 0)} … ${forIteration(assertion.conn, count - 1)})`;
  if (failures.length === 0) return passed(`Each of the ${all} received the expected bytes.`);
  const [first] = failures;
  const listed = failures.slice(0, LISTED_CONNECTIONS).map((f) => f.conn);
  const more =
    failures.length > LISTED_CONNECTIONS ? ` and ${failures.length - LISTED_CONNECTIONS} more` : '';
  return failed({
    expected: `each of the ${all} to receive the expected bytes, e.g. ${first.log.expected}`,
    observed: `${failures.length} of ${count} did not (${listed.join(', ')}${more}); on "${first.conn}": ${first.log.observed}`,
    ...(first.log.lookAt !== undefined ? { lookAt: first.log.lookAt } : {}),
  });
}

function outcomeOf(verdict: Verdict): CheckOutcome {
  if ('pass' in verdict) return passed(verdict.pass);
  if ('fail' in verdict) return failed(verdict.fail);
  return unavailable(verdict.unavailable);
}

function forEachIteration(assertion: StreamAssertion, i: number): StreamAssertion {
  const parts = (list: StreamPart[] | undefined) =>
    list?.map((part) =>
      typeof part === 'string'
        ? forIteration(part, i)
        : 'sent' in part
          ? { sent: forIteration(part.sent, i) }
          : part,
    );
  return {
    ...assertion,
    conn: forIteration(assertion.conn, i),
    ...(assertion.equals ? { equals: parts(assertion.equals) } : {}),
    ...(assertion.startsWith ? { startsWith: parts(assertion.startsWith) } : {}),
    ...(assertion.endsWith ? { endsWith: parts(assertion.endsWith) } : {}),
  };
}

function judge(assertion: StreamAssertion, context: ScenarioContext): Verdict {
  const names = [
    assertion.conn,
    ...partsOf(assertion).flatMap((part) => (typeof part !== 'string' && 'sent' in part ? [part.sent] : [])),
  ];
  for (const part of partsOf(assertion)) {
    if (typeof part !== 'string' && 'address' in part && context.addressOf(part.address) === undefined)
      return { unavailable: `the lab recorded no address for the host "${part.address}"` };
  }
  const missing = names.find((name) => context.evidence.streams[name] === undefined);
  if (missing !== undefined) {
    const step = context.failedStepSummary();
    if (step === undefined)
      return { unavailable: `no bytes were recorded for the peer connection "${missing}"` };
    return {
      fail: {
        expected: `bytes on the peer connection "${missing}"`,
        observed: `the connection was never opened: ${step}`,
      },
    };
  }
  const received = Buffer.from(context.evidence.streams[assertion.conn].received, 'base64');
  const wanted = Buffer.concat(partsOf(assertion).map((part) => partBytes(part, context)));
  const mode = assertion.equals ? 'equals' : assertion.startsWith ? 'startsWith' : 'endsWith';
  const conn = `"${assertion.conn}"`;
  const verb = mode === 'equals' ? 'to be exactly' : mode === 'startsWith' ? 'to start with' : 'to end with';
  const expected = `the bytes connection ${conn} received ${verb} ${describeWanted(assertion, wanted, context)}`;

  if (received.length < wanted.length) {
    const early =
      mode === 'endsWith'
        ? null
        : firstDifference(received.subarray(0, received.length), wanted.subarray(0, received.length), 0);
    const differs = early === null ? '' : `, and they already differ at byte ${early}`;
    return {
      fail: {
        expected,
        observed: `it received only ${plural(received.length, 'byte')} of the ${wanted.length} expected${differs}; the last bytes were ${tail(received)}`,
      },
    };
  }
  const base = mode === 'endsWith' ? received.length - wanted.length : 0;
  const mismatchAt = firstDifference(received, wanted, base);
  if (mismatchAt !== null && mode === 'endsWith') {
    return {
      fail: {
        expected,
        observed: `it ends with ${quoteEnding(received, wanted.length + CONTEXT_BYTES)}, which differs from the expected ending at byte ${mismatchAt} of ${received.length}`,
      },
    };
  }
  if (mismatchAt !== null && received.length <= SHORT_STREAM_BYTES) {
    return {
      fail: {
        expected,
        observed: `it received ${quoteBytes(received, SHORT_STREAM_BYTES)}, which differs from what was expected at byte ${mismatchAt}`,
      },
    };
  }
  if (mismatchAt !== null) {
    return {
      fail: {
        expected,
        observed:
          `the bytes differ at byte ${mismatchAt} of ${received.length}: expected ${quoteBytes(wanted.subarray(mismatchAt - base), CONTEXT_BYTES)}, ` +
          `received ${quoteBytes(received.subarray(mismatchAt), CONTEXT_BYTES)}`,
        lookAt: `what came before: ${quoteBytes(received.subarray(Math.max(0, mismatchAt - CONTEXT_BYTES), mismatchAt), CONTEXT_BYTES)}`,
      },
    };
  }
  if (mode === 'equals' && received.length > wanted.length) {
    return {
      fail: {
        expected,
        observed: `it received ${plural(received.length, 'byte')}, ${received.length - wanted.length} more than expected; the extra bytes begin ${quoteBytes(received.subarray(wanted.length), CONTEXT_BYTES)}`,
      },
    };
  }
  return { pass: `Connection ${conn} received ${plural(received.length, 'byte')}, as expected.` };
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
  if ('sent' in part) return Buffer.from(context.evidence.streams[part.sent].sent, 'base64');
  if ('address' in part) return Buffer.from(context.addressOf(part.address) ?? '', 'utf8');
  return Buffer.from(patternBytes(part.bytes, part.pattern));
}

function describeWanted(assertion: StreamAssertion, wanted: Buffer, context: ScenarioContext): string {
  const parts = partsOf(assertion);
  if (parts.every((part) => typeof part === 'string' || 'address' in part)) return quoteBytes(wanted, 120);
  const words = parts.map((part) =>
    typeof part === 'string'
      ? quoteBytes(Buffer.from(part), 60)
      : 'sent' in part
        ? `everything "${part.sent}" sent`
        : 'address' in part
          ? quoteBytes(partBytes(part, context), 60)
          : `${plural(part.bytes, 'byte')} of the ${part.pattern} pattern`,
  );
  return `${words.join(' + ')} (${plural(wanted.length, 'byte')})`;
}

/** The last `count` bytes quoted, "…" before them when the stream is longer: a wrong ending read whole. */
function quoteEnding(bytes: Buffer, count: number): string {
  const start = Math.max(0, bytes.length - count);
  return `${start > 0 ? '…' : ''}${quoteBytes(bytes.subarray(start), count)}`;
}

function tail(bytes: Buffer): string {
  return quoteBytes(bytes.subarray(Math.max(0, bytes.length - CONTEXT_BYTES)), CONTEXT_BYTES);
}
