/**
 * One state history per socket out of several sources. trace.json keeps every source's
 * observations side by side (kernel tracepoints, ss snapshots, inference from frames, the
 * peer stack's own events); drawing them all would repeat each transition. Per socket:
 * - the primary source is the most exact one present: netstack, then kernel, then
 *   inferred, then ss;
 * - observations from other sources are added only for states the primary never
 *   reports, after its last observation (the kernel tracepoint never reports TIME_WAIT;
 *   inference or an ss snapshot does);
 * - an observation repeating the state before it is dropped.
 */
import type { StateRecord, StateSource } from './picture';

const PRIORITY: readonly StateSource[] = ['netstack', 'kernel', 'inferred', 'ss'];

export function preferredStates(states: readonly StateRecord[]): StateRecord[] {
  const bySocket = new Map<string, StateRecord[]>();
  for (const state of states) {
    const key = `${state.connectionId}\u0000${state.endpoint}`;
    const list = bySocket.get(key);
    if (list) list.push(state);
    else bySocket.set(key, [state]);
  }
  const chosen: StateRecord[] = [];
  for (const list of bySocket.values()) chosen.push(...historyOfOneSocket(list));
  return chosen.sort((a, b) => a.order - b.order);
}

function historyOfOneSocket(states: StateRecord[]): StateRecord[] {
  const sorted = [...states].sort((a, b) => a.order - b.order);
  const primary = PRIORITY.find((source) => sorted.some((s) => s.source === source));
  const fromPrimary = sorted.filter((s) => s.source === primary);
  const known = new Set(fromPrimary.map((s) => s.state));
  const lastOrder = fromPrimary.at(-1)?.order ?? -Infinity;
  const additions: StateRecord[] = [];
  for (const s of sorted) {
    if (s.source === primary || known.has(s.state) || s.order < lastOrder) continue;
    known.add(s.state);
    additions.push(s);
  }
  const merged = [...fromPrimary, ...additions].sort((a, b) => a.order - b.order);
  return merged.filter((s, i) => i === 0 || merged[i - 1].state !== s.state);
}
