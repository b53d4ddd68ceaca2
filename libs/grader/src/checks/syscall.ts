/**
 * syscall: how many of the host's traced system calls match the name (see
 * evaluation/syscall-names.ts), return value and errno; default at least one.
 */
import type { Assertion } from '@socklab/exercise';
import type { TraceSyscall } from '@socklab/trace';
import type { EvidenceRef } from '../api';
import { at, plural } from '../evaluation/format';
import { failed, passed, unavailable, type CheckOutcome } from '../evaluation/outcome';
import type { ScenarioContext } from '../evaluation/scenario-context';
import { callMatchesName, describeCall } from '../evaluation/syscall-names';

type SyscallAssertion = Extract<Assertion, { kind: 'syscall' }>;

export function evaluateSyscall(assertion: SyscallAssertion, context: ScenarioContext): CheckOutcome {
  const strace = context.sourceStatus('strace');
  if (strace !== 'ok' && strace !== 'partial') {
    return unavailable(`the program's system calls were not traced${context.sourceReason('strace')}`);
  }
  const pids = context.pidsOf(assertion.host);
  const named = context.trace.syscalls.filter(
    (call) => pids.has(call.pid) && callMatchesName(call, assertion.name),
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
  const what = describeWanted(assertion);
  const { min, max } = assertion.count;
  const tooFew = min !== undefined && matching.length < min;
  const tooMany = max !== undefined && matching.length > max;
  if (!tooFew && !tooMany) {
    const example = matching[0];
    const first = example ? `, the first ${describeCall(example)} at ${at(example.tStart)}` : '';
    return passed(`${plural(matching.length, what)}${first}.`, refs);
  }
  const expected = `${countText(min, max)} ${what} by the ${assertion.host} program`;
  const observed =
    matching.length === 0
      ? `none. ${summariseOthers(named, assertion.name)}`
      : `${matching.length}: ${matching
          .slice(0, 3)
          .map((call) => `${describeCall(call)} at ${at(call.tStart)}`)
          .join('; ')}`;
  return failed({ expected, observed }, refs);
}

function describeWanted(assertion: SyscallAssertion): string {
  const result = assertion.errno
    ? ` failing with ${assertion.errno}`
    : assertion.ret !== undefined
      ? ` returning ${assertion.ret}`
      : '';
  return `${assertion.name}() call${result}`;
}

function countText(min: number | undefined, max: number | undefined): string {
  if (max === 0) return 'no';
  if (min !== undefined && max !== undefined)
    return min === max ? `exactly ${min}` : `between ${min} and ${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

/** What the matching-name calls did instead, e.g. "The program made 12 write() calls; none failed." */
function summariseOthers(named: readonly TraceSyscall[], name: string): string {
  if (named.length === 0) return `The program made no ${name}() call at all.`;
  const errors = new Map<string, number>();
  for (const call of named) if (call.errno) errors.set(call.errno, (errors.get(call.errno) ?? 0) + 1);
  const failures = [...errors].map(([errno, n]) => `${n} with ${errno}`).join(', ');
  return `The program made ${plural(named.length, `${name}() call`)}; ${failures ? `failed: ${failures}` : 'none failed'}.`;
}
