/**
 * counter: a per-run count compared with a value. listenOverflows and listenDrops are the
 * kernel's TcpExtListenOverflows / TcpExtListenDrops diffs (trace.counters) of the host's
 * namespace, summed over the learner hosts when no host is named; the others are counted
 * from the capture (evaluation/segment-counters.ts).
 */
import type { Assertion } from '@socklab/exercise';
import type { EvidenceRef } from '../api';
import { describePacket } from '../evaluation/format';
import { failed, passed, unavailable, type CheckOutcome } from '../evaluation/outcome';
import { packetRef } from '../evaluation/packet-pattern';
import type { ScenarioContext } from '../evaluation/scenario-context';
import { countedSegments } from '../evaluation/segment-counters';
import { listPackets } from './packets';

type CounterAssertion = Extract<Assertion, { kind: 'counter' }>;
type CounterName = CounterAssertion['name'];

const KERNEL_COUNTERS: Partial<Record<CounterName, string>> = {
  listenOverflows: 'TcpExtListenOverflows',
  listenDrops: 'TcpExtListenDrops',
};

const MEANING: Record<CounterName, string> = {
  synRetransmissions: 'SYN or SYN-ACK segments sent again because the first went unanswered',
  retransmissions: 'segments sent again',
  listenOverflows: "connections the kernel could not queue because the listener's accept queue was full",
  listenDrops: 'connection attempts the listener dropped',
  resetsSent: 'RST segments sent',
  resetsReceived: 'RST segments received',
  zeroWindowProbes: 'zero-window probes sent',
};

/** `measured op value`, for the comparisons of the spec language (COMPARISONS). */
export function comparisonHolds(op: CounterAssertion['op'], measured: number, value: number): boolean {
  return HOLDS[op](measured, value);
}

const HOLDS: Record<CounterAssertion['op'], (a: number, b: number) => boolean> = {
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
};

export function evaluateCounter(assertion: CounterAssertion, context: ScenarioContext): CheckOutcome {
  const measured = measure(assertion, context);
  if ('unavailable' in measured) return unavailable(measured.unavailable);
  const where = assertion.host ? ` on ${assertion.host}` : '';
  const subject = `${assertion.name} (${MEANING[assertion.name]})${where}`;
  if (comparisonHolds(assertion.op, measured.value, assertion.value)) {
    return passed(`${assertion.name}${where} = ${measured.value}.`, measured.evidence);
  }
  return failed(
    {
      expected: `${subject} ${assertion.op} ${assertion.value}`,
      observed: `${measured.value}${measured.detail ? `: ${measured.detail}` : ''}`,
      ...(measured.lookAt ? { lookAt: measured.lookAt } : {}),
    },
    measured.evidence,
  );
}

interface Measurement {
  value: number;
  detail?: string;
  lookAt?: string;
  evidence: EvidenceRef[];
}

function measure(
  assertion: CounterAssertion,
  context: ScenarioContext,
): Measurement | { unavailable: string } {
  const kernelName = KERNEL_COUNTERS[assertion.name];
  if (kernelName !== undefined) return kernelCounter(kernelName, assertion.host, context);
  if (context.sourceStatus('capture') === 'unavailable') {
    return { unavailable: `the packet capture was not recorded${context.sourceReason('capture')}` };
  }
  const segments = countedSegments(
    assertion.name as Exclude<CounterName, 'listenOverflows' | 'listenDrops'>,
    context,
    assertion.host,
  );
  return {
    value: segments.length,
    ...(segments.length > 0 ? { detail: listPackets(segments), lookAt: describePacket(segments[0]) } : {}),
    evidence: segments.map(packetRef),
  };
}

function kernelCounter(
  name: string,
  host: string | undefined,
  context: ScenarioContext,
): Measurement | { unavailable: string } {
  const hosts = host === undefined ? context.spec.hosts.learner.map((learner) => learner.name) : [host];
  let value = 0;
  for (const name_ of hosts) {
    const ids = context.trace.hosts
      .filter((traceHost) => traceHost.name === name_ || traceHost.id === name_)
      .map((h) => h.id);
    const diff = context.trace.counters.find((entry) => ids.includes(entry.hostId) || entry.hostId === name_);
    if (diff === undefined) {
      return {
        unavailable: `the kernel's TCP counters of ${name_} were not recorded${context.sourceReason('nstat')}`,
      };
    }
    value += diff.diff[name] ?? 0;
  }
  return {
    value,
    detail: `the kernel's ${name} went up by ${value}`,
    ...(value > 0
      ? {
          lookAt:
            'the listen() backlog and how quickly the program calls accept(): SYNs that arrive while the accept queue is full are dropped and retransmitted by the client.',
        }
      : {}),
    evidence: [],
  };
}
