/**
 * One ordered state path per socket endpoint out of the trace's labelled observations.
 *
 * Sources see transitions at slightly different instants (the capture sees a FIN before
 * the kernel processes it), so interleaving them by time alone can invent paths like
 * ESTABLISHED → CLOSE_WAIT → ESTABLISHED. Instead:
 *  1. The most authoritative source present gives the path: kernel > netstack > ss > inferred
 *     (kernel and netstack record every transition where it happens; ss only samples;
 *     inference sees only what crosses the wire).
 *  2. TIME_WAIT hand-off: the kernel tracepoint never reports TIME_WAIT; when the full
 *     socket closes from FIN_WAIT_1/FIN_WAIT_2/CLOSING and another source saw TIME_WAIT,
 *     that CLOSED is the timewait socket taking over and is read as TIME_WAIT — unless that
 *     source then saw the connection end: TIME_WAIT lasts 2×MSL (60 s on Linux), longer than
 *     any run, so a "TIME_WAIT" that ended was an orphaned socket aborting, e.g. a close()d
 *     socket in FIN_WAIT_2 answering the peer's data with RST (RFC 9293 §3.10.7.4).
 *  3. If the path stops in a non-final state (the source lost events or stopped), it is
 *     continued by the next source that passed through that same state, from that point.
 * Consecutive equal states are merged; the earliest instant of a state is kept.
 */
import type { StateObservation, StateSource } from '@socklab/trace';

export type TcpStateName = StateObservation['state'];

export interface StateStep {
  state: TcpStateName;
  t: number;
  source: StateSource;
}

const AUTHORITY: readonly StateSource[] = ['kernel', 'netstack', 'ss', 'inferred'];
const TIME_WAIT_PREDECESSORS: ReadonlySet<TcpStateName> = new Set(['FIN_WAIT_1', 'FIN_WAIT_2', 'CLOSING']);
const FINAL_STATES: ReadonlySet<TcpStateName> = new Set(['CLOSED', 'TIME_WAIT']);

export function mergeStateHistory(observations: readonly StateObservation[]): StateStep[] {
  const bySource = AUTHORITY.map((source) =>
    collapse(
      observations
        .filter((observation) => observation.source === source)
        .sort((a, b) => a.t - b.t)
        .map(({ state, t }) => ({ state, t, source })),
    ),
  ).filter((path) => path.length > 0);
  if (bySource.length === 0) return [];
  const [primary, ...others] = bySource;
  const path = [...primary];

  if (path[0].source === 'kernel' && others.some((other) => other[other.length - 1].state === 'TIME_WAIT')) {
    for (let i = 1; i < path.length; i++) {
      if (path[i].state === 'CLOSED' && TIME_WAIT_PREDECESSORS.has(path[i - 1].state)) {
        path[i] = { ...path[i], state: 'TIME_WAIT' };
      }
    }
  }

  const last = path[path.length - 1];
  if (!FINAL_STATES.has(last.state)) {
    for (const other of others) {
      const resumeAt = lastIndexOf(other, last.state);
      if (resumeAt >= 0 && resumeAt < other.length - 1) {
        path.push(...other.slice(resumeAt + 1));
        break;
      }
    }
  }
  return collapse(path);
}

/** The state an endpoint was in at instant t (null before its first observation). */
export function stateAt(history: readonly StateStep[], t: number): TcpStateName | null {
  let state: TcpStateName | null = null;
  for (const step of history) if (step.t <= t) state = step.state;
  return state;
}

function collapse(steps: readonly StateStep[]): StateStep[] {
  const out: StateStep[] = [];
  for (const step of steps) if (out.length === 0 || out[out.length - 1].state !== step.state) out.push(step);
  return out;
}

function lastIndexOf(steps: readonly StateStep[], state: TcpStateName): number {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i].state === state) return i;
  return -1;
}
