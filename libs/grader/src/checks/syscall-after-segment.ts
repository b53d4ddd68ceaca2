/**
 * The `afterSegment` window of a syscall check: a call counts only when it acted on a
 * connection more than `graceMs` after that connection's first segment matching `match`,
 * e.g. a write still made 200 ms after the peer's RST arrived. Calls on no connection, and
 * on connections that never carried such a segment, do not count.
 */
import type { Assertion } from '@socklab/exercise';
import type { TraceSyscall } from '@socklab/trace';
import { msToNs } from '../evaluation/format';
import { describePattern, matchesPattern } from '../evaluation/packet-pattern';
import type { ScenarioContext } from '../evaluation/scenario-context';
import { callConnectionKey, packetConnectionKey } from '../evaluation/call-connection';

type AfterSegment = NonNullable<Extract<Assertion, { kind: 'syscall' }>['afterSegment']>;

export interface CallWindow {
  includes(call: TraceSyscall): boolean;
  /** " on a connection more than 200 ms after its first RST segment to your program". */
  description: string;
}

export function afterSegmentWindow(afterSegment: AfterSegment, context: ScenarioContext): CallWindow {
  const firstMatch = new Map<string, number>();
  for (const packet of context.segments) {
    if (!matchesPattern(packet, afterSegment.match, context)) continue;
    const key = packetConnectionKey(packet);
    if (!firstMatch.has(key)) firstMatch.set(key, packet.t);
  }
  const grace = msToNs(afterSegment.graceMs);
  return {
    includes: (call) => {
      const key = callConnectionKey(call);
      const opened = key === null ? undefined : firstMatch.get(key);
      return opened !== undefined && call.tStart > opened + grace;
    },
    description: ` on a connection more than ${afterSegment.graceMs} ms after its first ${describePattern(afterSegment.match, true)}`,
  };
}
