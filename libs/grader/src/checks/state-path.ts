/**
 * statePath: the selected sockets' merged state histories (evaluation/state-history.ts)
 * follow the path (path-match.ts); `every` needs at least one socket and all of them to
 * match, `some` needs one. With `dwell`, no selected socket may stay in that state longer
 * than maxMs (a socket still in it when the run ended counts up to the end).
 */
import type { Assertion } from '@socklab/exercise';
import { at, formatMs, listWords, msToNs, plural } from '../evaluation/format';
import { failed, passed, unavailable, type CheckOutcome } from '../evaluation/outcome';
import type { ScenarioContext } from '../evaluation/scenario-context';
import {
  describeSelector,
  observationEnd,
  ordinal,
  selectSockets,
  socketsOf,
  stateRefs,
  type TracedSocket,
} from '../evaluation/sockets';
import { describePath, observedReadings, pathMatches } from './path-match';
import { stateHint } from './state-path-hints';

type StatePathAssertion = Extract<Assertion, { kind: 'statePath' }>;

export function evaluateStatePath(assertion: StatePathAssertion, context: ScenarioContext): CheckOutcome {
  const sockets = selectSockets(context, assertion.socket);
  const quantified =
    assertion.socket.nth !== undefined
      ? describeSelector(assertion.socket, context)
      : `${assertion.quantifier === 'every' ? 'each of' : 'at least one of'} ${describeSelector(assertion.socket, context, true)}`;
  const dwell = assertion.dwell;
  const expected = `${quantified} to go ${describePath(assertion.path)}${dwell ? `, staying in ${dwell.state} at most ${dwell.maxMs} ms` : ''}`;

  if (sockets.length === 0) {
    if (!anyStateSource(context))
      return unavailable(`no source of TCP states was recorded${context.sourceReason('inferred')}`);
    return failed({
      expected,
      observed: `no such socket existed. ${inventory(context, assertion.socket.host)}`,
    });
  }

  const verdicts = sockets.map((socket) => ({ socket, problem: problemWith(socket, assertion, context) }));
  const failing = verdicts.filter((verdict) => verdict.problem !== null);
  const good = assertion.quantifier === 'every' ? failing.length === 0 : failing.length < verdicts.length;
  const refs = sockets.flatMap(stateRefs);
  if (good) {
    const example = verdicts.find((verdict) => verdict.problem === null)?.socket ?? sockets[0];
    const countText =
      sockets.length === 1
        ? 'The socket'
        : `${failing.length === 0 ? 'All' : sockets.length - failing.length + ' of'} ${plural(sockets.length, 'socket')}`;
    return passed(`${countText} went ${observedPath(example, context)}.`, refs);
  }
  const first = failing[0];
  const { remote } = first.socket;
  const peer = remote ? `, connected to ${remote.addr}:${remote.port}` : '';
  const position = `the ${ordinal(sockets.indexOf(first.socket) + 1)} (${first.socket.endpoint}${peer})`;
  const hint = stateHint(first.socket, context);
  const observed =
    sockets.length === 1
      ? `${first.problem}`
      : `${verdicts.length - failing.length} of ${plural(verdicts.length, 'socket')} did; ${position} did not: ${first.problem}`;
  return failed({ expected, observed, ...(hint ? { lookAt: hint.text } : {}) }, [
    ...(hint?.evidence ?? []),
    ...refs,
  ]);
}

/** Why one socket fails the assertion, in words, or null when it satisfies it. */
function problemWith(
  socket: TracedSocket,
  assertion: StatePathAssertion,
  context: ScenarioContext,
): string | null {
  const states = socket.history.map((step) => step.state);
  const readings = observedReadings(states, socket.role !== 'listener');
  if (!readings.some((reading) => pathMatches(assertion.path, reading))) {
    return `it went ${observedPath(socket, context)}`;
  }
  const dwell = assertion.dwell;
  if (dwell === undefined) return null;
  for (let i = 0; i < socket.history.length; i++) {
    const step = socket.history[i];
    if (step.state !== dwell.state) continue;
    const next = socket.history[i + 1];
    const end = observationEnd(socket, context);
    const left = next?.t ?? end.t;
    if (left - step.t > msToNs(dwell.maxMs)) {
      return next
        ? `it stayed in ${dwell.state} for ${formatMs(left - step.t)} (${at(step.t)} to ${at(left)}), longer than the allowed ${dwell.maxMs} ms`
        : `it entered ${dwell.state} at ${at(step.t)} and was still there when ${end.words} ${formatMs(left - step.t)} later (allowed: ${dwell.maxMs} ms)`;
    }
  }
  return null;
}

/**
 * "ESTABLISHED (t=12.4 ms) → CLOSE_WAIT (t=30.1 ms), then nothing until the run ended at t=2030 ms",
 * or "… until the lab stopped the program at t=…" (what the kernel did then is not the program's).
 */
function observedPath(socket: TracedSocket, context: ScenarioContext): string {
  const text = socket.history.map((step) => `${step.state} (${at(step.t)})`).join(' → ');
  const last = socket.history[socket.history.length - 1].state;
  if (last === 'CLOSED' || last === 'TIME_WAIT') return text;
  const end = observationEnd(socket, context);
  const aftermath =
    socket.stoppedByLabAt === null
      ? ''
      : ' (what its sockets did after that was the lab’s doing, not the program’s)';
  return `${text}, then nothing until ${end.words} at ${at(end.t)}${aftermath}`;
}

function inventory(context: ScenarioContext, host: string): string {
  const all = socketsOf(context, host);
  if (all.length === 0) return `The ${host} host had no TCP sockets at all.`;
  const counts = new Map<string, number>();
  for (const socket of all) {
    const key = `${socket.role} (port ${socket.role === 'connected' ? socket.remote?.port : socket.local.port})`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return `The ${host} host had ${listWords([...counts].map(([key, n]) => `${n} ${key}`))}.`;
}

function anyStateSource(context: ScenarioContext): boolean {
  return (['kernel', 'inferred', 'netstack', 'ss'] as const).some((source) => {
    const status = context.sourceStatus(source);
    return status === 'ok' || status === 'partial';
  });
}
