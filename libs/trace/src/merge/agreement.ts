/**
 * How far the state sources agree on one connection endpoint.
 *
 * Path sources (kernel, inferred, netstack) are compared as multisets of transitions
 * 'FROM→TO' after two normalisations: TIME_WAIT is read as CLOSED (the kernel tracepoint
 * reports the full socket's CLOSE when the timewait socket takes over, and 2MSL expiry is not
 * visible on the wire), and repeated states collapse. `transitions` is the size of the union,
 * `agreed` the number present in every path source. Each ss snapshot adds one check: its state
 * must equal the reference path's state at the snapshot time (kernel, else inferred).
 */
import type { Agreement, StateObservation, StateSource } from '../model/trace-schema';
import type { TcpState } from '../model/tcp-state';

const PATH_SOURCES: StateSource[] = ['kernel', 'inferred', 'netstack'];

function normalise(state: TcpState): TcpState {
  return state === 'TIME_WAIT' ? 'CLOSED' : state;
}

function transitions(path: readonly StateObservation[]): string[] {
  const out: string[] = [];
  let previous: TcpState | null = null;
  for (const o of path) {
    const state = normalise(o.state);
    if (previous !== null && state !== previous) out.push(`${previous}→${state}`);
    previous = state;
  }
  return out;
}

function counts(list: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of list) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

function stateAt(path: readonly StateObservation[], t: number): TcpState | null {
  let state: TcpState | null = null;
  for (const o of path) if (o.t <= t) state = o.state;
  return state;
}

export function computeAgreement(observations: readonly StateObservation[]): Agreement | undefined {
  const bySource = new Map<StateSource, StateObservation[]>();
  for (const o of observations) bySource.set(o.source, [...(bySource.get(o.source) ?? []), o]);
  const pathSources = PATH_SOURCES.filter((s) => bySource.has(s));
  const snapshots = bySource.get('ss') ?? [];
  if (pathSources.length + (snapshots.length > 0 ? 1 : 0) < 2) return undefined;

  const disagreements: string[] = [];
  const perSource = pathSources.map((s) => counts(transitions(bySource.get(s)!)));
  const union = new Map<string, number>();
  for (const c of perSource) for (const [k, n] of c) union.set(k, Math.max(union.get(k) ?? 0, n));
  let total = 0;
  let agreed = 0;
  for (const [transition, n] of union) {
    const everywhere = Math.min(...perSource.map((c) => c.get(transition) ?? 0));
    total += n;
    agreed += everywhere;
    if (everywhere < n) {
      const missing = pathSources.filter((_, i) => (perSource[i].get(transition) ?? 0) < n);
      disagreements.push(`${transition} not reported by ${missing.join(', ')}`);
    }
  }

  const reference = bySource.get(pathSources[0]) ?? [];
  if (pathSources.length > 0) {
    for (const snap of snapshots) {
      total += 1;
      const expected = stateAt(reference, snap.t);
      if (expected !== null && normalise(expected) === normalise(snap.state)) agreed += 1;
      else
        disagreements.push(
          `ss saw ${snap.state} at t=${snap.t} where ${pathSources[0]} had ${expected ?? 'nothing'}`,
        );
    }
  }
  const sources = [...pathSources, ...(snapshots.length > 0 ? (['ss'] as StateSource[]) : [])];
  return { sources, transitions: total, agreed, fraction: total === 0 ? 1 : agreed / total, disagreements };
}
