/**
 * timing: the time from `from` to `to` lies in [min, max] widened by `tolerance` on both
 * sides (packetdrill's rule). An event that never happened fails the check; one whose
 * instant the evidence cannot tell (e.g. output without a traced write) is an error.
 */
import type { Assertion } from '@socklab/exercise';
import { at, formatMs, msToNs } from '../evaluation/format';
import { failed, passed, unavailable, type CheckOutcome } from '../evaluation/outcome';
import type { ScenarioContext } from '../evaluation/scenario-context';
import { resolveEvent } from '../evaluation/timeline';

type TimingAssertion = Extract<Assertion, { kind: 'timing' }>;

export function evaluateTiming(assertion: TimingAssertion, context: ScenarioContext): CheckOutcome {
  const from = resolveEvent(assertion.from, context);
  const to = resolveEvent(assertion.to, context);
  const reason = from.unavailable ?? to.unavailable;
  if (reason !== undefined) return unavailable(reason);
  const range = rangeText(assertion);
  const expected = `${range} from ${from.description} to ${to.description}`;
  if (from.occurrence === null || to.occurrence === null) {
    const missing = [from, to].filter((event) => event.occurrence === null).map((event) => event.description);
    return failed({
      expected,
      observed: `${missing.join(' and ')} never happened (the run ended at ${at(context.endTime)})`,
    });
  }
  const elapsed = to.occurrence.t - from.occurrence.t;
  const refs = [...from.occurrence.evidence, ...to.occurrence.evidence];
  const low = assertion.min === undefined ? -Infinity : msToNs(assertion.min - assertion.tolerance);
  const high = assertion.max === undefined ? Infinity : msToNs(assertion.max + assertion.tolerance);
  const observed = `${formatMs(elapsed)}: from ${at(from.occurrence.t)} to ${at(to.occurrence.t)}`;
  if (elapsed >= low && elapsed <= high) return passed(`${observed} (${range}).`, refs);
  const direction =
    elapsed < 0
      ? ' — the second event came before the first'
      : elapsed < low
        ? ' — too early'
        : ' — too late';
  return failed({ expected, observed: `${observed}${direction}` }, refs);
}

function rangeText(assertion: TimingAssertion): string {
  const slack = assertion.tolerance > 0 ? ` (± ${assertion.tolerance} ms)` : '';
  if (assertion.min !== undefined && assertion.max !== undefined)
    return `${assertion.min}–${assertion.max} ms${slack}`;
  return assertion.min !== undefined
    ? `at least ${assertion.min} ms${slack}`
    : `at most ${assertion.max} ms${slack}`;
}
