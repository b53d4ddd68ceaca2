/**
 * syscall: how many of the host's traced system calls match the name (see
 * evaluation/syscall-names.ts), return value and errno; default at least one. With
 * `afterSegment`, only calls in that per-connection window count (syscall-after-segment.ts).
 */
import type { Assertion } from '@socklab/exercise';
import type { TraceSyscall } from '@socklab/trace';
import type { EvidenceRef } from '../api';
import { at, plural } from '../evaluation/format';
import { failed, passed, unavailable, type CheckOutcome } from '../evaluation/outcome';
import type { ScenarioContext } from '../evaluation/scenario-context';
import { callMatchesName, describeCall } from '../evaluation/syscall-names';
import { afterSegmentWindow } from './syscall-after-segment';

type SyscallAssertion = Extract<Assertion, { kind: 'syscall' }>;

export function evaluateSyscall(assertion: SyscallAssertion, context: ScenarioContext): CheckOutcome {
  const strace = context.sourceStatus('strace');
  if (strace !== 'ok' && strace !== 'partial') {
    return unavailable(`the program's system calls were not traced${context.sourceReason('strace')}`);
  }
  const pids = context.pidsOf(assertion.host);
  const window = assertion.afterSegment ? afterSegmentWindow(assertion.afterSegment, context) : null;
  const named = context.trace.syscalls.filter(
    (call) => pids.has(call.pid) && callMatchesName(call, assertion.name) && (window?.includes(call) ?? true),
  );
  const matching = named.filter(
    (call) =>
      (assertion.ret === undefined || (call.ret !== null && Number(call.ret) === assertion.ret)) &&
      (assertion.errno === undefined || call.errno === assertion.errno),
  );
  const refs: EvidenceRef[] = matching.map((call) => ({
    kind: 'syscall',
    pid: call.pid,
    name: call.name,
    t: call.tStart,
  }));
  const noun = `${assertion.name}() call`;
  const result = resultWanted(assertion);
  const where = window?.description ?? '';
  const { min, max } = assertion.count;
  const tooFew = min !== undefined && matching.length < min;
  const tooMany = max !== undefined && matching.length > max;
  if (!tooFew && !tooMany) {
    const example = matching[0];
    const first = example ? `, the first ${describeCall(example)} at ${at(example.tStart)}` : '';
    return passed(`${plural(matching.length, noun)}${result}${where}${first}.`, refs);
  }
  const expected = `${countText(min, max)} ${countedNoun(min, max, noun)}${result} by the ${assertion.host} program${where}`;
  if (matching.length === 0) {
    return failed({ expected, observed: `none. ${summariseOthers(named, noun, where)}` }, refs);
  }
  const listed = `${matching.length}: ${matching
    .slice(0, 3)
    .map((call) => `${describeCall(call)} at ${at(call.tStart)}`)
    .join('; ')}${matching.length > 3 ? ` and ${matching.length - 3} more` : ''}`;
  // Too few: what the other calls of that name did is usually the reason.
  const others = named.filter((call) => !matching.includes(call));
  const besides = tooFew && others.length > 0 ? `. ${summariseOthers(others, `other ${noun}`, where)}` : '';
  return failed({ expected, observed: `${listed}${besides}` }, refs);
}

/** " failing with EPIPE", " returning 0" or nothing. */
function resultWanted(assertion: SyscallAssertion): string {
  if (assertion.errno) return ` failing with ${assertion.errno}`;
  return assertion.ret !== undefined ? ` returning ${assertion.ret}` : '';
}

function countText(min: number | undefined, max: number | undefined): string {
  if (max === 0) return 'no';
  if (min !== undefined && max !== undefined)
    return min === max ? `exactly ${min}` : `between ${min} and ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

/** "no call", "at least 1 call", "at least 2 calls", "between 1 and 3 calls". */
function countedNoun(min: number | undefined, max: number | undefined, noun: string): string {
  const ranged = min !== undefined && max !== undefined && min !== max;
  const n = max === 0 ? 1 : ranged ? 2 : (min ?? max ?? 1);
  return n === 1 ? noun : `${noun}s`;
}

/** What the matching-name calls did instead, e.g. "The program made 12 write() calls; none failed." */
function summariseOthers(named: readonly TraceSyscall[], noun: string, scope: string): string {
  if (named.length === 0) return `The program made no ${noun}${scope} at all.`;
  const errors = new Map<string, number>();
  for (const call of named) if (call.errno) errors.set(call.errno, (errors.get(call.errno) ?? 0) + 1);
  const failures = [...errors].map(([errno, n]) => `${n} with ${errno}`).join(', ');
  return `The program made ${plural(named.length, noun)}${scope}; ${failures ? `failed: ${failures}` : 'none failed'}.`;
}
